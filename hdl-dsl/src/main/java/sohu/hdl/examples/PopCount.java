package sohu.hdl.examples;

import static sohu.hdl.Types.UInt;

import sohu.hdl.BlackBox;

/**
 * A black box: an 8-bit population count written directly in SystemVerilog, its ports
 * declared in Java so the language can check the connections.
 */
public final class PopCount extends BlackBox {
    private static final String SOURCE = String.join("\n",
            "// Hand-written SystemVerilog used as a black box by sohu.hdl.examples.PopCount.",
            "`default_nettype none",
            "",
            "module PopCount8 (",
            "  input  logic [7:0] x,",
            "  output logic [3:0] count",
            ");",
            "  always_comb begin",
            "    count = 4'd0;",
            "    for (int i = 0; i < 8; i++) begin",
            "      count = count + {3'd0, x[i]};",
            "    end",
            "  end",
            "endmodule",
            "",
            "`default_nettype wire",
            "");

    /** Declares the black box's ports. */
    public PopCount() {
        super(SOURCE);
        name("PopCount8");
        input("x", UInt(8));
        output("count", UInt(4));
    }
}
