# Sourced by the bench scripts: test_classpath MODULE NAME compiles MODULE's test classes (and
# the modules it needs) with Maven and sets CP to its test classes, classes and test-scope
# dependencies; on a build failure it prints the end of the log and exits. Uses ROOT and MVN.
test_classpath() {
  local module=$1 name=$2
  local cpfile="$ROOT/$module/target/$name.classpath" log="$ROOT/$module/target/$name-build.log"
  mkdir -p "$ROOT/$module/target"
  echo "building test classes (log: $log)..." >&2
  if ! (cd "$ROOT" && "$MVN" -q -B -pl "$module" -am -DskipTests test-compile \
        dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="target/$name.classpath" >"$log" 2>&1); then
    tail -n 40 "$log" >&2
    echo "$(basename "$0"): build failed (full log: $log)" >&2
    exit 1
  fi
  CP="$ROOT/$module/target/test-classes:$ROOT/$module/target/classes:$(cat "$cpfile")"
}
