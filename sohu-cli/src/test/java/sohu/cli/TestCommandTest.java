package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TestCommandTest {
    /** A machine with the given executables on PATH. */
    static final class FakeHost implements ToolInstaller.Host {
        final Set<String> onPath;
        final boolean root;
        final boolean sudoWithoutPassword;
        final List<String> ran = new ArrayList<>();

        FakeHost(Set<String> onPath, boolean root, boolean sudoWithoutPassword) {
            this.onPath = new HashSet<>(onPath);
            this.root = root;
            this.sudoWithoutPassword = sudoWithoutPassword;
        }

        @Override
        public Optional<Path> which(String executable) {
            return onPath.contains(executable) ? Optional.of(Path.of("/usr/bin", executable)) : Optional.empty();
        }

        @Override
        public boolean isRoot() {
            return root;
        }

        @Override
        public int run(List<String> command) {
            ran.add(String.join(" ", command));
            if (command.contains("install")) {
                onPath.addAll(ToolInstaller.TOOLS.keySet());
            }
            return 0;
        }

        @Override
        public int probe(List<String> command) {
            return sudoWithoutPassword ? 0 : 1;
        }
    }

    @Test
    void installedToolsNeedNothing() {
        Set<String> all = new HashSet<>(ToolInstaller.TOOLS.keySet());
        all.add("apt-get");
        FakeHost host = new FakeHost(all, false, false);
        StringWriter err = new StringWriter();
        new ToolInstaller(host, new PrintWriter(err, true)).ensureInstalled();
        assertTrue(host.ran.isEmpty());
        assertEquals("", err.toString());
    }

    @Test
    void rootInstallsMissingToolsWithAptGetAndSaysSo() {
        Set<String> some = new HashSet<>(ToolInstaller.TOOLS.keySet());
        some.removeAll(Set.of("verilator", "iverilog", "tclsh"));
        some.add("apt-get");
        FakeHost host = new FakeHost(some, true, false);
        StringWriter err = new StringWriter();
        new ToolInstaller(host, new PrintWriter(err, true)).ensureInstalled();
        assertEquals(List.of("env DEBIAN_FRONTEND=noninteractive apt-get -q update",
                "env DEBIAN_FRONTEND=noninteractive apt-get -q install -y verilator iverilog tcl"), host.ran);
        assertEquals(1, err.toString().lines().count(), err::toString);
        assertTrue(err.toString().startsWith("sohu: verilator, iverilog, tclsh are not installed; installing with: "),
                err::toString);
    }

    @Test
    void nonRootUsesSudoWithoutPrompting() {
        FakeHost host = new FakeHost(Set.of("apt-get", "sudo"), false, true);
        new ToolInstaller(host, new PrintWriter(new StringWriter(), true)).ensureInstalled();
        assertTrue(host.ran.get(1).startsWith("sudo -n env DEBIAN_FRONTEND=noninteractive apt-get -q install -y "
                + "verilator yosys iverilog ccache nextpnr-ice40 tcl make g++"), host.ran::toString);
    }

    @Test
    void withoutRootOrSudoItStopsWithTheExactCommand() {
        FakeHost host = new FakeHost(Set.of("apt-get", "sudo"), false, false);
        CliException e = assertThrows(CliException.class,
                () -> new ToolInstaller(host, new PrintWriter(new StringWriter(), true)).ensureInstalled());
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().endsWith(
                "run: sudo apt-get update && sudo apt-get install -y verilator yosys iverilog ccache nextpnr-ice40 tcl make g++"),
                e.getMessage());
        assertTrue(host.ran.isEmpty());
    }

    /** Every tool a test runs is on the one list, and CI installs nothing by a list of its own. */
    @Test
    void oneListOfToolsCoversTheSuiteAndCiUsesIt() throws IOException {
        assertEquals(List.of("verilator", "yosys", "iverilog", "ccache", "nextpnr-ice40", "tclsh", "make", "g++"),
                List.copyOf(ToolInstaller.TOOLS.keySet()));
        assertEquals("tcl", ToolInstaller.TOOLS.get("tclsh"));
        String ci = Files.readString(TestCommand.repositoryRoot().resolve(".ci/run"));
        assertFalse(ci.contains("apt-get install"), ".ci/run must install through ./sohu test, not a list of its own:\n" + ci);
    }

    @Test
    void mavenComesFromMvnWhenSet() {
        assertEquals("mvn", TestCommand.maven(java.util.Map.of()));
        assertEquals("mvn", TestCommand.maven(java.util.Map.of("MVN", " ")));
        assertEquals("/opt/maven/bin/mvn", TestCommand.maven(java.util.Map.of("MVN", "/opt/maven/bin/mvn")));
    }

    @Test
    void mavenArgumentsPassThrough() {
        CommandLine cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        CommandLine.ParseResult pr = cl.parseArgs("test", "-Dsohu.long=true", "-pl", "hdl-dsl", "-q");
        TestCommand t = pr.subcommand().commandSpec().commandLine().getCommand();
        assertEquals(List.of("-Dsohu.long=true", "-pl", "hdl-dsl", "-q"), t.mavenArgs);
        assertFalse(t.toolsOnly);
    }

    @Test
    void repositoryRootIsFoundFromTheModuleFolder() {
        Path root = TestCommand.repositoryRoot();
        assertTrue(Files.isRegularFile(root.resolve("sohu-cli/pom.xml")), root::toString);
    }

    /** The README tells new users to run `./sohu test`, and CI runs exactly that. */
    @Test
    void ciRunsTheReadmeTestCommand() throws IOException {
        Path root = TestCommand.repositoryRoot();
        String readme = Files.readString(root.resolve("README.md"));
        assertTrue(readme.contains("\n./sohu generate\n") && readme.contains("\n./sohu test\n"),
                "README must show ./sohu generate and ./sohu test");
        List<String> ci = Files.readAllLines(root.resolve(".ci/run")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertEquals("./sohu test", ci.get(ci.size() - 1));
        assertTrue(Files.isExecutable(root.resolve(".ci/run")) && Files.isExecutable(root.resolve("sohu")));
    }
}
