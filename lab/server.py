#!/usr/bin/env python3
"""Start the chat server the way the lab's automated tests start theirs.

    python3 server.py --address "127.0.0.1" --port 5378
    python3 server.py --trace          # and print every line in and out on standard error (README "Testing your client")

The lab's test-suite runs this file from its own folder and waits for "Server is on" on standard output.
Copy or symlink it there. It finds the project, in this order:

  1. the folder in the environment variable CHAT_SERVER_HOME;
  2. the project this file lives in, through its real path (so a symlink to it works);
  3. the project noted in ~/.config/chat-server/project (or $XDG_CONFIG_HOME/chat-server/project): that is
     how a copy finds it. The first `./mvnw package` writes the note (and says so); a later build of another
     clone leaves it while the noted project exists: delete the note or set CHAT_SERVER_HOME to follow another.

It builds the project once if nothing is built, picks a JDK (JAVA_HOME if set, else the newest JDK 21 or
later it finds, else `java` on the PATH), then replaces itself with the Java process (exec), passing every
argument on: killing this process kills the server, and the server's output is this process's output.

The server runs from the newest folder under target/app/ that `./mvnw package` made (one per build), with
that build's class-data-sharing archive: a rebuild makes a new folder and never touches the files of a
server that runs (this process holds a shared lock on its folder, which the build respects). On a JDK the
build did not record an archive for, the first start records one in the background, for the next starts:
a class-data-sharing archive (Java 17 to 24), or an ahead-of-time cache (Java 25 and later, JEP 483/514).

Environment: CHAT_SERVER_HOME (the project), JAVA_HOME (the JDK), CHAT_SERVER_JAVA_OPTIONS (more JVM
options, e.g. -Xmx256m), CHAT_SERVER_TRAINING=off (record nothing in the background).
"""
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys

try:
    import fcntl
except ImportError:  # Windows: no locks, so a rebuild may remove the folder of a running server
    fcntl = None

OLDEST_JAVA = 17
NEWER_JAVA = 21
AOT_CACHE_JAVA = 25
JDK_FOLDERS = ["/usr/lib/jvm/*", "~/.sdkman/candidates/java/*", "/Library/Java/JavaVirtualMachines/*/Contents/Home",
               "~/.jdks/*"]


def fail(message):
    print("server.py: " + message, file=sys.stderr, flush=True)
    sys.exit(1)


def config_home():
    xdg = os.environ.get("XDG_CONFIG_HOME")
    return xdg if xdg and os.path.isabs(xdg) else os.path.join(os.path.expanduser("~"), ".config")


def is_project(folder):
    return bool(folder) and os.path.isfile(os.path.join(folder, "pom.xml")) \
        and os.path.isfile(os.path.join(folder, "lab", "server.py"))


def find_project():
    home = os.environ.get("CHAT_SERVER_HOME")
    if home:
        if is_project(home):
            return os.path.abspath(home)
        fail("CHAT_SERVER_HOME=%s is not the chat-server project (it has no pom.xml and lab/server.py)" % home)
    around_this_file = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    if is_project(around_this_file):
        return around_this_file
    record = os.path.join(config_home(), "chat-server", "project")
    try:
        with open(record) as file:
            recorded = file.read().strip()
    except OSError:
        fail("cannot find the chat-server project: run ./mvnw package in it once (the build notes its place in %s),"
             " set CHAT_SERVER_HOME to its folder, or symlink its lab/server.py here instead of a copy" % record)
    if not is_project(recorded):
        fail("the chat-server project noted in %s is not at %s any more: run ./mvnw package where it is now,"
             " or set CHAT_SERVER_HOME to its folder" % (record, recorded))
    return recorded


def build(project):
    print("server.py: building %s (once)..." % project, file=sys.stderr, flush=True)
    result = subprocess.run([os.path.join(project, "mvnw"), "-q", "-B", "package", "-DskipTests"], cwd=project,
                            stdin=subprocess.DEVNULL, stdout=sys.stderr, stderr=sys.stderr)
    if result.returncode != 0:
        fail("the build failed; run ./mvnw package in %s to see why" % project)


# ----- the build to run -----

def read_properties(path):
    properties = {}
    try:
        with open(path) as file:
            for line in file:
                key, sep, value = line.strip().partition("=")
                if sep:
                    properties[key] = value.strip().strip('"')
    except OSError:
        pass
    return properties


def build_folders(app):
    try:
        return sorted((name for name in os.listdir(app) if re.fullmatch(r"\d{8}-\d{6}", name)), reverse=True)
    except OSError:
        return []


def lock(folder):
    """Holds a shared lock on the folder, which the build respects, for as long as the server runs."""
    if fcntl is None:
        return True
    try:
        descriptor = os.open(os.path.join(folder, ".lock"), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)  # a build is removing it
        return False
    # exec hands the descriptor, and with it the lock, on to the Java process
    os.set_inheritable(descriptor, True)
    return True


def lock_newest_folder(app):
    """The newest complete build folder, locked: (folder, jar), or None."""
    for name in build_folders(app):
        folder = os.path.join(app, name)
        if not os.path.isfile(os.path.join(folder, "ready")):
            continue  # a build still at work, or one that was interrupted
        if not lock(folder):
            continue
        ready = read_properties(os.path.join(folder, "ready"))
        if not ready:
            continue  # removed just before the lock (which dies with the folder)
        jar = os.path.join(folder, "chat-server.jar")
        # the archive knows the jar by the name it was recorded with (the build's, maybe through a symlink)
        recorded = ready.get("jar")
        if recorded and os.path.isfile(recorded) and os.path.samefile(recorded, jar):
            jar = recorded
        return folder, jar
    return None


def is_stale(app, folder, fat_jar):
    """Whether a build since the folder's made only the jar (-Dcds.skip), rather than a build being under way."""
    try:
        newer_jar = os.path.getmtime(fat_jar) > os.path.getmtime(os.path.join(folder, "ready"))
    except OSError:
        return False
    return newer_jar and build_folders(app)[0] == os.path.basename(folder)


# ----- the JDK -----

def java_release(home):
    """(feature version, runtime version) of the JDK at home, from its release file, or None."""
    release = read_properties(os.path.join(home, "release"))
    match = re.match(r"(\d+)", release.get("JAVA_VERSION", ""))
    if not match:
        return None
    return int(match.group(1)), release.get("JAVA_RUNTIME_VERSION") or release["JAVA_VERSION"]


def home_of(java):
    return os.path.dirname(os.path.dirname(os.path.realpath(java)))


def choose_java():
    """(java executable, feature version or None, runtime version or None)."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home and os.path.isfile(os.path.join(java_home, "bin", "java")):
        java = os.path.join(java_home, "bin", "java")
        return (java,) + (java_release(home_of(java)) or (None, None))
    on_path = shutil.which("java")
    found = {}
    for pattern in JDK_FOLDERS:
        for home in glob.glob(os.path.expanduser(pattern)):
            java = os.path.join(home, "bin", "java")
            if os.access(java, os.X_OK):
                found.setdefault(os.path.realpath(java), java)
    if on_path:
        found.setdefault(os.path.realpath(on_path), on_path)
    newest = None
    for real, java in found.items():
        release = java_release(home_of(real))
        if release and release[0] >= NEWER_JAVA and (newest is None or release[0] > newest[1]):
            newest = (java,) + release
    if newest:
        return newest
    if on_path:
        return (on_path,) + (java_release(home_of(on_path)) or (None, None))
    fail("no Java found: install a JDK %d or later, or set JAVA_HOME" % OLDEST_JAVA)


# ----- the archive for this JDK -----

def archive_options(archive):
    if archive.endswith(".aot"):
        # a stale cache (another JDK build, a changed jar) is ignored; aot=off keeps that quiet
        return ["-XX:AOTCache=" + archive, "-Xlog:aot=off", "-Xlog:cds=off"]
    # an archive the JVM cannot use (a jar changed since) is ignored; cds=off keeps that quiet
    return ["-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"]


def record_in_background(java, folder, jar, archive):
    """Records the archive this JDK lacks with a training start, away from the server: the server does not wait."""
    if os.environ.get("CHAT_SERVER_TRAINING") == "off" or fcntl is None or not hasattr(os, "fork"):
        return
    if os.path.exists(archive + ".failed"):
        return  # it failed for this build before: its log is there
    child = os.fork()
    if child:
        os.waitpid(child, 0)
        return
    try:
        os.setsid()
        if os.fork():
            os._exit(0)
        # the grandchild, in a session of its own: the lab's tests kill the server, not this; its output must
        # not hold the server's pipes open
        devnull = os.open(os.devnull, os.O_RDWR)
        for descriptor in (0, 1, 2):
            os.dup2(devnull, descriptor)
        guard = os.open(archive + ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.lockf(guard, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another start is recording it: OSError, leave
        fcntl.lockf(os.open(os.path.join(folder, ".lock"), os.O_RDONLY), fcntl.LOCK_SH)
        if os.path.exists(archive):
            os._exit(0)
        os.nice(19)
        temporary = archive + ".tmp"
        if archive.endswith(".aot"):
            recording = ["-XX:AOTCacheOutput=" + temporary]
        else:
            recording = ["-XX:ArchiveClassesAtExit=" + temporary, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"]
        log_path = archive + ".log"
        with open(log_path, "w") as log:
            # a whole start and one client (TrainingRun), on the jar by the name the server will use
            result = subprocess.run([java, "-XX:TieredStopAtLevel=1"] + recording
                                    + ["-Dspring.aot.enabled=true", "-cp", jar,
                                       "io.github.chatlab.server.buildtools.TrainingRun"],
                                    cwd=folder, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        if result.returncode == 0 and os.path.isfile(temporary):
            os.replace(temporary, archive)
            os.remove(log_path)
        else:
            os.replace(log_path, archive + ".failed")
            if os.path.exists(temporary):
                os.remove(temporary)
    except BaseException:
        pass
    os._exit(0)


def main():
    project = find_project()
    app = os.path.join(project, "target", "app")
    fat_jar = os.path.join(project, "target", "chat-server.jar")
    if not os.path.isdir(app) and not os.path.isfile(fat_jar):
        build(project)
    java, feature, runtime = choose_java()
    if feature is not None and feature < OLDEST_JAVA:
        fail("the server needs Java %d or later, and %s is Java %d: set JAVA_HOME to a newer JDK"
             % (OLDEST_JAVA, java, feature))
    # The lab restarts the server for every test and waits 10 s for it: start-up matters more than peak
    # speed, so the JIT stops at C1, which on 2 cores leaves the CPU to the start-up itself.
    options = ["-XX:TieredStopAtLevel=1"] + shlex.split(os.environ.get("CHAT_SERVER_JAVA_OPTIONS", ""))
    command = [java] + options
    chosen = lock_newest_folder(app)
    if chosen and is_stale(app, chosen[0], fat_jar):
        print("server.py: %s is newer than the fast-start folder %s (built with -Dcds.skip?): starting it without"
              " the fast start" % (fat_jar, chosen[0]), file=sys.stderr, flush=True)
        chosen = None
    if chosen:
        folder, jar = chosen
        archive = None
        if runtime:
            base = os.path.join(folder, "chat-server-" + runtime)
            wanted = base + (".aot" if feature >= AOT_CACHE_JAVA else ".jsa")
            for candidate in (wanted, base + ".jsa"):
                if os.path.isfile(candidate):
                    archive = candidate
                    break
            if archive != wanted:
                record_in_background(java, folder, jar, wanted)
        if archive:
            command += archive_options(archive)
        # Spring's ahead-of-time processed bean definitions, made by the build
        command += ["-Dspring.aot.enabled=true", "-jar", jar]
    elif os.path.isfile(fat_jar):
        # built with -Dcds.skip: no fast start, and a rebuild rewrites this jar under the server
        command += ["-jar", fat_jar]
    else:
        fail("nothing to run in %s: run ./mvnw package there" % project)
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
