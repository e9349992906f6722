package sohu.verilator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Formats the native history ring (recorded by the shim after every clock edge, so keeping it
 * costs a few byte copies per cycle): rows of the int64 cycle number then each port's bytes.
 */
final class PortHistory {
    private PortHistory() {}

    /** A table, oldest first: one row per recorded cycle, one column per port, values in hex. */
    static String format(List<Sim.Port> ports, byte[] rows) {
        int rowBytes = 8;
        for (Sim.Port p : ports) rowBytes += p.bytes();
        List<String[]> table = new ArrayList<>();
        String[] head = new String[ports.size() + 1];
        head[0] = "cycle";
        for (int i = 0; i < ports.size(); i++) head[i + 1] = ports.get(i).name();
        table.add(head);
        ByteBuffer b = ByteBuffer.wrap(rows).order(ByteOrder.nativeOrder());
        for (int at = 0; at + rowBytes <= rows.length; at += rowBytes) {
            String[] line = new String[head.length];
            line[0] = Long.toString(b.getLong(at));
            int off = at + 8;
            for (int i = 0; i < ports.size(); i++) {
                Sim.Port p = ports.get(i);
                line[i + 1] = FailureReport.hex(Words.fromLittleEndian(rows, off, p.bytes(), p.width()), p.width());
                off += p.bytes();
            }
            table.add(line);
        }
        int[] w = new int[head.length];
        for (String[] line : table) for (int i = 0; i < line.length; i++) w[i] = Math.max(w[i], line[i].length());
        StringBuilder sb = new StringBuilder();
        for (String[] line : table) {
            for (int i = 0; i < line.length; i++) sb.append("  ").append(" ".repeat(w[i] - line[i].length())).append(line[i]);
            sb.append('\n');
        }
        return sb.toString();
    }
}
