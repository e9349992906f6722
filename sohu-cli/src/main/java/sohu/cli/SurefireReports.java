package sohu.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks Surefire's per-class reports after a run: {@code TEST-<class>.xml} must list only the
 * tests of that class (or its nested classes). When JUnit runs classes in parallel, Surefire
 * before 3.5.3 filed one class's tests under another, so the per-class counts were wrong;
 * {@code ./sohu test} runs this check so such a regression fails the run.
 */
final class SurefireReports {
    private static final Pattern TESTCASE = Pattern.compile("<testcase\\b[^>]*\\bclassname=\"([^\"]+)\"");
    private static final Pattern REPORT = Pattern.compile("TEST-(.+)\\.xml");

    private SurefireReports() { }

    /**
     * The misfiled reports under {@code <root>/<module>/target/surefire-reports} written at or after
     * {@code sinceMillis}, one line each ("TEST-a.B.xml lists tests of a.C"); empty when all are right.
     */
    static List<String> misfiled(Path root, long sinceMillis) throws IOException {
        List<String> problems = new ArrayList<>();
        try (DirectoryStream<Path> modules = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path module : modules) {
                Path dir = module.resolve("target").resolve("surefire-reports");
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (DirectoryStream<Path> reports = Files.newDirectoryStream(dir, "TEST-*.xml")) {
                    for (Path r : reports) {
                        if (Files.getLastModifiedTime(r).toMillis() >= sinceMillis) {
                            check(r).ifPresent(problems::add);
                        }
                    }
                }
            }
        }
        problems.sort(null);
        return problems;
    }

    /** The problem with one report, if any. */
    static java.util.Optional<String> check(Path report) throws IOException {
        Matcher name = REPORT.matcher(report.getFileName().toString());
        if (!name.matches()) {
            return java.util.Optional.empty();
        }
        String own = name.group(1);
        Set<String> foreign = new TreeSet<>();
        Matcher m = TESTCASE.matcher(Files.readString(report));
        while (m.find()) {
            String c = m.group(1);
            if (!c.equals(own) && !c.startsWith(own + "$")) {
                foreign.add(c);
            }
        }
        return foreign.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(report.getParent().getParent().getParent().getFileName() + "/"
                        + report.getFileName() + " lists tests of " + String.join(", ", foreign));
    }
}
