package sohu.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;
import sohu.core.soc.rtl.SohuCore;
import sohu.hdl.examples.Examples;

/**
 * {@code sohu generate}: emits SystemVerilog, filelist and manifest. Bare {@code generate} emits
 * the default configuration (the whole SohuCore, 8x8 BF16) and the example designs; subcommands
 * generate one kind of design with its own parameters.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Writes SystemVerilog (one .sv per module), a filelist (.f) and manifest.json, and says where.",
            "Without a subcommand: the default configuration (an 8x8 BF16 SohuCore in core/) and the language's "
                    + "example designs, each in its own subfolder."},
        subcommands = {
            GenerateCommand.ExamplesCommand.class,
            GenerateFmaCommand.class,
            GenerateArrayCommand.class,
            GenerateVectorCommand.class,
            GenerateKvCommand.class,
            GenerateDmaCommand.class,
            GenerateCoreCommand.class,
        })
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GenerateOptions options;

    /** The default configuration: an 8x8 BF16 core with 1024-word memories (the default of {@code run} and {@code serve}). */
    static final CoreConfig DEFAULT_CORE = CoreConfig.of(8, FpFormat.BF16);

    @Override
    public Integer call() {
        List<DesignOutput.Design> designs = new ArrayList<>();
        SohuCore.Params core = SohuCore.Params.of(DEFAULT_CORE);
        designs.add(new DesignOutput.Design("core", SohuCore.elaborate(core), GenerateCoreCommand.attributes(core)));
        return write(spec, options, designs, Examples.all());
    }

    /** Elaborates the examples and writes each into {@code <out>/<name>/}, all or nothing. */
    static int writeExamples(CommandSpec spec, GenerateOptions options, List<Examples.Example> examples) {
        return write(spec, options, new ArrayList<>(), examples);
    }

    private static int write(CommandSpec spec, GenerateOptions options, List<DesignOutput.Design> designs,
                             List<Examples.Example> examples) {
        for (Examples.Example e : examples) {
            designs.add(new DesignOutput.Design(e.name(), e.elaborate().get(), Map.of("description", e.description())));
        }
        List<DesignOutput.Written> written = DesignOutput.writeAll(designs, options.out(), options);
        DesignOutput.report(spec.commandLine().getOut(), written, options.out(), options.describe());
        return 0;
    }

    /** {@code sohu generate examples}: the language's example designs. */
    @Command(name = "examples", mixinStandardHelpOptions = true,
            description = "Writes the example designs, each into its own subfolder of the output folder.")
    static final class ExamplesCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        GenerateOptions options;

        @Option(names = "--only", paramLabel = "NAME", split = ",",
                description = "Only these examples (comma-separated); one of: ${COMPLETION-CANDIDATES}.",
                completionCandidates = Names.class)
        List<String> only;

        @Option(names = "--list", description = "List the examples and exit.")
        boolean list;

        @Override
        public Integer call() {
            if (list) {
                for (Examples.Example e : Examples.all()) {
                    spec.commandLine().getOut().printf("%-12s %s%n", e.name(), e.description());
                }
                spec.commandLine().getOut().flush();
                return 0;
            }
            List<Examples.Example> chosen = new ArrayList<>();
            if (only == null) {
                chosen.addAll(Examples.all());
            } else {
                for (String n : only) {
                    chosen.add(Examples.all().stream().filter(e -> e.name().equals(n)).findFirst().orElseThrow(() ->
                            new ParameterException(spec.commandLine(), "unknown example '" + n + "'; valid: "
                                    + String.join(", ", names()))));
                }
            }
            return writeExamples(spec, options, chosen);
        }
    }

    /** The example names, in order. */
    static List<String> names() {
        return Examples.all().stream().map(Examples.Example::name).toList();
    }

    /** Example names, for the help text. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return names().iterator();
        }
    }
}
