package sohu.cli.regress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sohu.verify.Regression.Result;

/**
 * JUnit XML of a regression (the Ant/Surefire schema that Jenkins, GitLab and GitHub display):
 * one {@code testsuite} per block, one {@code testcase} per check, the run's settings as
 * properties, a mismatch as a {@code failure}, any other failure as an {@code error}.
 */
final class JUnitXml {
    private JUnitXml() {
    }

    static String of(List<Result> results, Map<String, String> properties) {
        Map<String, List<Result>> by = new LinkedHashMap<>();
        for (Result r : results) {
            by.computeIfAbsent(r.check().block(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"sohu regress\">\n");
        by.forEach((block, rs) -> {
            long failures = rs.stream().filter(r -> r.mismatch() != null).count();
            long errors = rs.stream().filter(r -> r.error() != null).count();
            sb.append(String.format(Locale.ROOT, "  <testsuite name=\"sohu.regress.%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\""
                    + " skipped=\"0\" time=\"%.3f\">%n", esc(block), rs.size(), failures, errors,
                    rs.stream().mapToLong(Result::nanos).sum() / 1e9));
            sb.append("    <properties>\n");
            properties.forEach((k, v) -> sb.append("      <property name=\"").append(esc(k)).append("\" value=\"")
                    .append(esc(v)).append("\"/>\n"));
            sb.append("    </properties>\n");
            for (Result r : rs) {
                sb.append(String.format(Locale.ROOT, "    <testcase classname=\"sohu.regress.%s\" name=\"%s\" time=\"%.3f\"",
                        esc(block), esc(r.check().name()), r.nanos() / 1e9));
                if (r.passed()) {
                    sb.append(String.format(Locale.ROOT, ">%n      <system-out>%d vectors</system-out>%n    </testcase>%n",
                            r.vectors()));
                } else if (r.mismatch() != null) {
                    sb.append(">\n      <failure type=\"mismatch\" message=\"").append(esc(r.mismatch().port() + ": expected "
                            + r.mismatch().expected() + ", actual " + r.mismatch().actual())).append("\">")
                            .append(esc(r.mismatch().getMessage()))
                            .append(r.waveform() == null ? "" : esc("\nwaveform: " + r.waveform()))
                            .append("</failure>\n    </testcase>\n");
                } else {
                    sb.append(">\n      <error type=\"error\" message=\"").append(esc(r.error())).append("\"/>\n    </testcase>\n");
                }
            }
            sb.append("  </testsuite>\n");
        });
        return sb.append("</testsuites>\n").toString();
    }

    /** XML-escapes text and attribute values; drops characters XML 1.0 cannot carry. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
