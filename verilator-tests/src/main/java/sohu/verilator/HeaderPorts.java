package sohu.verilator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the ports of a Verilated top from its generated {@code V<top>.h}. */
final class HeaderPorts {
    private HeaderPorts() {}

    /** A port with the C++ member name Verilator gave it. */
    record CPort(String member, SimPort port) {}

    // e.g. "VL_IN8(&clk,0,0);", "VL_OUTW(&y,99,0,4);"
    private static final Pattern DECL = Pattern.compile(
            "VL_(IN|OUT|INOUT)(?:8|16|64|W)?\\(&(\\w+),(\\d+),(\\d+)(?:,\\d+)?\\);");
    private static final Pattern MANGLED = Pattern.compile("__0([0-9a-fA-F]{2})");

    static List<CPort> parse(String header) {
        List<CPort> ports = new ArrayList<>();
        Matcher m = DECL.matcher(header);
        while (m.find()) {
            SimPort.Direction dir = switch (m.group(1)) {
                case "IN" -> SimPort.Direction.INPUT;
                case "OUT" -> SimPort.Direction.OUTPUT;
                default -> SimPort.Direction.INOUT;
            };
            int width = Integer.parseInt(m.group(3)) - Integer.parseInt(m.group(4)) + 1;
            ports.add(new CPort(m.group(2), new SimPort(demangle(m.group(2)), width, dir)));
        }
        return ports;
    }

    /** Undoes Verilator's {@code __0XX} escaping of characters that are not C++ identifiers. */
    static String demangle(String member) {
        Matcher m = MANGLED.matcher(member);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(
                String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        m.appendTail(sb);
        return sb.toString();
    }
}
