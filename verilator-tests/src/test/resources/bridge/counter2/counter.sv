// Same top name as ../counter.sv but different behaviour (counts by 3): both must coexist in one JVM.
`default_nettype none
module counter (
  input  logic       clk,
  input  logic       rst,
  input  logic       en,
  output logic [7:0] count,
  output logic       wrap
);
  assign wrap = 1'b0;
  always_ff @(posedge clk) begin
    if (rst) count <= '0;
    else if (en) count <= count + 8'd3;
  end
endmodule
`default_nettype wire
