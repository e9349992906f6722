package sohu.constraints;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import sohu.hdl.exec.ExternalCommand;
import sohu.hdl.exec.CommandResult;

/** Sources a constraint file in a real tclsh against the stub commands of sdc_stubs.tcl. */
final class TclCheck {
    private TclCheck() { }

    /** Exit status, and the recorded calls (one list of words per call) or the error. */
    record Result(int exit, List<List<String>> records, String output) {
        List<List<String>> of(String kind) {
            return records.stream().filter(r -> r.get(0).equals(kind)).toList();
        }
    }

    /** Sources {@code file} with {@code ports} (name to {direction, width}) known. */
    static Result run(Path file, Map<String, String[]> ports, Path work) throws IOException {
        return run(List.of(file), ports, work);
    }

    /** Sources {@code files} in order (e.g. an XDC pair) with {@code ports} known. */
    static Result run(List<Path> files, Map<String, String[]> ports, Path work) throws IOException {
        Path stubs = work.resolve("sdc_stubs.tcl");
        try (InputStream in = TclCheck.class.getResourceAsStream("sdc_stubs.tcl")) {
            Files.write(stubs, in.readAllBytes());
        }
        StringBuilder dict = new StringBuilder("set ::sohu_ports [dict create");
        ports.forEach((n, dw) -> dict.append(' ').append(n).append(" {").append(dw[0]).append(' ').append(dw[1])
                .append('}'));
        dict.append("]\n");
        Path driver = work.resolve("driver.tcl");
        StringBuilder sources = new StringBuilder();
        files.forEach(f -> sources.append("source {").append(f.toAbsolutePath()).append("}\n"));
        Files.writeString(driver, "source {" + stubs + "}\n" + dict + sources + "sohu_dump\n");
        CommandResult r = ExternalCommand.of("tclsh", driver.toString()).in(work).run();
        String out = r.output();
        List<List<String>> records = new ArrayList<>();
        for (String line : out.split("\\R")) {
            if (!line.isBlank()) {
                records.add(List.of(line.trim().split("\\s+")));
            }
        }
        return new Result(r.exit(), records, out);
    }
}
