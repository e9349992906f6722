// 100-bit ports: combinational sum (101 bits) and a registered xor.
`default_nettype none
module adder100 (
  input  logic         clk,
  input  logic [99:0]  a,
  input  logic [99:0]  b,
  output logic [100:0] sum,
  output logic [99:0]  q
);
  assign sum = {1'b0, a} + {1'b0, b};
  always_ff @(posedge clk) q <= a ^ b;
endmodule
`default_nettype wire
