// Calls $finish after 5 cycles, and $stop when 'bad' is sampled high.
`default_nettype none
module finisher (
  input  logic       clk,
  input  logic       bad,
  output logic [3:0] n
);
  initial n = '0;
  always_ff @(posedge clk) begin
    n <= n + 4'd1;
    if (bad) $stop;
    if (n == 4'd4) $finish;
  end
endmodule
`default_nettype wire
