// Deliberate WIDTH problem: a 16-bit value assigned to an 8-bit output.
`default_nettype none
module lint_error (
  input  logic [15:0] a,
  output logic [7:0]  y
);
  assign y = a;
endmodule
`default_nettype wire
