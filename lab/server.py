#!/usr/bin/env python3
"""Start the chat server the way the lab's automated tests start theirs.

    python3 server.py --address "127.0.0.1" --port 5378

The lab's test-suite runs this file from its own folder and waits for "Server is on" on standard output.
This launcher finds the project through its own real path (so a symlink to it works), builds the jar once
if it is missing, then replaces itself with the Java process (exec), passing every argument on: killing this
process kills the server, and the server's output is this process's output.
"""
import os
import shutil
import subprocess
import sys

PROJECT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
JAR = os.path.join(PROJECT, "target", "chat-server.jar")
# The build extracts the jar here and records a class-data-sharing archive of a training start (pom.xml):
# with it the JVM maps the framework's classes instead of loading them. With Spring's ahead-of-time
# processed bean definitions (also made by the build) the start takes a third of a plain `java -jar`.
APP_JAR = os.path.join(PROJECT, "target", "app", "chat-server.jar")
CDS_ARCHIVE = os.path.join(PROJECT, "target", "app", "chat-server.jsa")


def java_command():
    java_home = os.environ.get("JAVA_HOME")
    if java_home and os.path.isfile(os.path.join(java_home, "bin", "java")):
        return os.path.join(java_home, "bin", "java")
    return shutil.which("java") or "java"


def build_jar():
    print("server.py: building %s (once)..." % JAR, file=sys.stderr, flush=True)
    mvnw = os.path.join(PROJECT, "mvnw")
    result = subprocess.run([mvnw, "-q", "-B", "package", "-DskipTests"], cwd=PROJECT,
                            stdout=sys.stderr, stderr=sys.stderr)
    if result.returncode != 0 or not os.path.isfile(JAR):
        print("server.py: the build failed; run ./mvnw package in %s to see why" % PROJECT,
              file=sys.stderr, flush=True)
        sys.exit(1)


def main():
    if not os.path.isfile(JAR):
        build_jar()
    java = java_command()
    # The lab restarts the server for every test and waits 10 s for it: start-up matters more than peak
    # speed, so the JIT stops at C1, which on 2 cores leaves the CPU to the start-up itself.
    command = [java, "-XX:TieredStopAtLevel=1"]
    if os.path.isfile(APP_JAR) and os.path.isfile(CDS_ARCHIVE):
        # cds=off: a JDK other than the one that recorded the archive just ignores it, without a warning
        command += ["-XX:SharedArchiveFile=" + CDS_ARCHIVE, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                    "-Dspring.aot.enabled=true", "-jar", APP_JAR]
    else:
        command += ["-jar", JAR]
    args = sys.argv[1:]
    if not any(arg == "--server.port" or arg.startswith("--server.port=") for arg in args):
        # the HTTP side (actuator) on any free port, so that a second server started this way, or one
        # already running on the default 8378, does not stop this one from starting
        args.append("--server.port=0")
    command += args
    sys.stdout.flush()
    os.execv(java, command)


if __name__ == "__main__":
    main()
