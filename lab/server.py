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
    command = [java, "-jar", JAR] + sys.argv[1:]
    sys.stdout.flush()
    os.execv(java, command)


if __name__ == "__main__":
    main()
