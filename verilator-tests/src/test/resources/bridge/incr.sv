`default_nettype none
module incr (
  input  logic [7:0] a,
  output logic [7:0] y
);
  assign y = a + 8'd1;
endmodule
`default_nettype wire
