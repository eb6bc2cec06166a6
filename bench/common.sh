# Shared by the bench scripts (source it from the project root). The load tool runs on $JAVA:
# $JAVA_HOME/bin/java if JAVA_HOME is set, else java on the PATH, the JDK ./mvnw uses too.
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
export JAVA
REFERENCE_WORKLOADS=(--mode=all --pairs-list=1,10,100 --seconds=8 --warmup=2 --users=10000 --concurrency=32
  --flow-rate=5000)
CLASSPATH_FILE=target/load-classpath.txt

# Builds target/chat-server.jar and the load tool's classes (./mvnw package, tests skipped) when one is
# missing or a source is newer than the jar, so that a fresh clone works and an edited tree is measured as
# it is; then writes the tool's class path once.
build_if_stale() {
  local jar=target/chat-server.jar tool=target/test-classes/io/github/chatlab/server/load/LoadTool.class
  if [ ! -f "$jar" ] || [ ! -f "$tool" ] || [ -n "$(find src pom.xml -type f -newer "$jar" -print -quit)" ]; then
    echo "building $jar and the load tool (./mvnw -q -B package -DskipTests)..." >&2
    local log
    log=$(mktemp)
    ./mvnw -q -B package -DskipTests > "$log" 2>&1 || { cat "$log" >&2; return 1; }
    rm -f "$log"
  fi
  if [ ! -s "$CLASSPATH_FILE" ] || [ pom.xml -nt "$CLASSPATH_FILE" ]; then
    ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE" >&2
  fi
}

# The load tool with these arguments: what ./mvnw -Pload exec:java runs, without Maven in between.
load_tool() {
  "$JAVA" -cp "target/test-classes:target/classes:$(cat "$CLASSPATH_FILE")" io.github.chatlab.server.load.LoadTool "$@"
}
