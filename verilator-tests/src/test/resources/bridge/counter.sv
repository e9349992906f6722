// 8-bit counter with synchronous reset and enable; the increment lives in a submodule
// so tests can read an internal signal of an instance.
`default_nettype none
module counter (
  input  logic       clk,
  input  logic       rst,
  input  logic       en,
  output logic [7:0] count,
  output logic       wrap
);
  logic [7:0] next_count;

  incr u_inc (.a(count), .y(next_count));

  assign wrap = en & (count == 8'hff);

  always_ff @(posedge clk) begin
    if (rst) count <= '0;
    else if (en) count <= next_count;
  end
endmodule
`default_nettype wire
