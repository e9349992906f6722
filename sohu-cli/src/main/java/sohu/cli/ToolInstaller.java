package sohu.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import sohu.hdl.exec.ExternalCommand;
import sohu.hdl.exec.CommandException;
import sohu.hdl.exec.CommandResult;

/**
 * Makes sure every external tool the test suite uses is installed ({@link #TOOLS}, the project's
 * one list, which {@code ./sohu test} and so CI's {@code .ci/run} install from): missing ones are
 * installed with apt-get (directly as root, through {@code sudo -n} otherwise); when that is
 * impossible it says so and prints the exact command to run.
 */
public final class ToolInstaller {
    /**
     * Every tool the suite runs, executable name to the Debian package that provides it: the
     * simulators and synthesis (Verilator with make and g++, Yosys, Icarus), ccache (Verilator
     * builds compile through it when present), nextpnr-ice40 (the iCE40 flow test) and tclsh (the
     * constraint tests).
     */
    public static final Map<String, String> TOOLS = tools();

    /** What the checks need from the system; replaced in tests. */
    public interface Host {
        /** The executable on PATH, if any. */
        Optional<Path> which(String executable);

        /** True when running as root. */
        boolean isRoot();

        /** Runs a command with inherited I/O and returns its exit status. */
        int run(List<String> command);

        /** Runs a command with its output discarded and returns its exit status (-1 if it cannot start). */
        int probe(List<String> command);
    }

    private final Host host;
    private final PrintWriter err;

    /** A toolchain check on this machine, reporting to {@code err}. */
    public ToolInstaller(PrintWriter err) {
        this(new SystemHost(), err);
    }

    /** A toolchain check on {@code host}, reporting to {@code err}. */
    public ToolInstaller(Host host, PrintWriter err) {
        this.host = host;
        this.err = err;
    }

    /** The tools not on PATH. */
    public List<String> missing() {
        List<String> m = new ArrayList<>();
        for (String tool : TOOLS.keySet()) {
            if (host.which(tool).isEmpty()) {
                m.add(tool);
            }
        }
        return m;
    }

    /**
     * Installs whatever is missing; throws a {@link CliException} (exit 1) naming the command to
     * run when it cannot.
     */
    public void ensureInstalled() {
        List<String> missing = missing();
        if (missing.isEmpty()) {
            return;
        }
        List<String> packages = missing.stream().map(TOOLS::get).distinct().toList();
        String what = String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " not installed";
        if (host.which("apt-get").isEmpty()) {
            throw new CliException(what + " and this system has no apt-get; install "
                    + (missing.size() == 1 ? "it" : "them") + " with: " + manualCommand(packages));
        }
        List<String> sudo;
        if (host.isRoot()) {
            sudo = List.of();
        } else if (host.which("sudo").isPresent() && host.probe(List.of("sudo", "-n", "true")) == 0) {
            sudo = List.of("sudo", "-n");
        } else {
            throw new CliException(what + " and cannot be installed automatically (not root, and sudo "
                    + (host.which("sudo").isPresent() ? "needs a password" : "is missing") + "); run: "
                    + manualCommand(packages));
        }
        err.println("sohu: " + what + "; installing with: " + String.join(" ", apt(sudo, "install", packages)));
        err.flush();
        if (host.run(apt(sudo, "update", List.of())) != 0 || host.run(apt(sudo, "install", packages)) != 0) {
            throw new CliException("installing " + String.join(" ", packages) + " failed; run: "
                    + manualCommand(packages));
        }
        List<String> still = missing();
        if (!still.isEmpty()) {
            throw new CliException(String.join(", ", still) + " still not on PATH after installing "
                    + String.join(" ", packages));
        }
    }

    /** The command a user runs to install the packages. */
    public String manualCommand(List<String> packages) {
        if (host.which("apt-get").isEmpty() && host.which("brew").isPresent()) {
            return "brew install " + String.join(" ", packages.stream()
                    .map(p -> p.equals("iverilog") ? "icarus-verilog" : p).toList());
        }
        if (host.which("apt-get").isEmpty() && host.which("dnf").isPresent()) {
            return "sudo dnf install -y " + String.join(" ", packages);
        }
        String sudo = host.isRoot() ? "" : "sudo ";
        return sudo + "apt-get update && " + sudo + "apt-get install -y " + String.join(" ", packages);
    }

    private static List<String> apt(List<String> sudo, String verb, List<String> packages) {
        List<String> cmd = new ArrayList<>(sudo);
        cmd.add("env");
        cmd.add("DEBIAN_FRONTEND=noninteractive");
        cmd.add("apt-get");
        cmd.add("-q");
        cmd.add(verb);
        if (verb.equals("install")) {
            cmd.add("-y");
        }
        cmd.addAll(packages);
        return cmd;
    }

    private static Map<String, String> tools() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("verilator", "verilator");
        m.put("yosys", "yosys");
        m.put("iverilog", "iverilog");
        m.put("ccache", "ccache");
        m.put("nextpnr-ice40", "nextpnr-ice40");
        m.put("tclsh", "tcl");
        m.put("make", "make");
        m.put("g++", "g++");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The real machine, through the project's process runner. */
    static final class SystemHost implements Host {
        @Override
        public Optional<Path> which(String executable) {
            return ExternalCommand.which(executable);
        }

        @Override
        public boolean isRoot() {
            try {
                CommandResult r = ExternalCommand.of("id", "-u").timeout(Duration.ofMinutes(1)).run();
                return r.ok() && r.output().strip().equals("0");
            } catch (CommandException e) {
                return false;
            }
        }

        @Override
        public int run(List<String> command) {
            try {
                return ExternalCommand.of(command).inheritIO().run().exit();
            } catch (CommandException e) {
                return -1;
            }
        }

        @Override
        public int probe(List<String> command) {
            try {
                return ExternalCommand.of(command).timeout(Duration.ofMinutes(1)).run().exit();
            } catch (CommandException e) {
                return -1;
            }
        }
    }
}
