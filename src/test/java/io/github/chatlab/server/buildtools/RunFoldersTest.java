package io.github.chatlab.server.buildtools;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's fast-start folders: one per build, marked ready last, the older ones
 * removed. That a folder a server holds survives is checked with a real server in
 * {@code ProcessIT}.
 */
class RunFoldersTest {

	@TempDir
	Path app;

	@Test
	void aPublishedFolderIsReadyAndNamesTheJarAsTheArchiveKnowsIt() throws Exception {
		Path folder = Files.createDirectories(this.app.resolve("20261125-070040"));
		RunFolders.publish(folder, "/some/link/target/app/20261125-070040/chat-server.jar");
		assertThat(folder.resolve("ready")).hasContent("jar=/some/link/target/app/20261125-070040/chat-server.jar");
		assertThat(folder.resolve(".lock")).exists();
	}

	@Test
	void olderFoldersAndTheFilesOfTheOldLayoutGoNewerFoldersStay() throws Exception {
		Path older = folder("20261124-230000", true);
		Path interrupted = folder("20261125-060000", false);
		Path current = folder("20261125-070040", true);
		Path newer = folder("20261125-070100", false);
		Files.writeString(this.app.resolve("chat-server.jsa"), "the layout before build folders");
		Files.createDirectories(this.app.resolve("lib"));
		assertThat(RunFolders.prune(this.app, current)).containsExactlyInAnyOrder(older, interrupted,
				this.app.resolve("chat-server.jsa"), this.app.resolve("lib"));
		try (var left = Files.list(this.app)) {
			assertThat(left).containsExactlyInAnyOrder(current, newer);
		}
	}

	@Test
	void theProjectIsRecordedWhereACopiedLauncherLooksAndSaidInOneLine(@TempDir Path config, @TempDir Path clone)
			throws Exception {
		Path project = project(clone);
		String said = RunFolders.recordProject(project, config);
		Path record = config.resolve("chat-server").resolve("project");
		assertThat(record).hasContent(project.toString());
		assertThat(said)
			.isEqualTo("Copies of lab/server.py now start the project in " + project + " (noted in " + record + ")");
		assertThat(RunFolders.configHome("/custom/config")).isEqualTo(Path.of("/custom/config"));
		assertThat(RunFolders.configHome(null)).isEqualTo(Path.of(System.getProperty("user.home"), ".config"));
		assertThat(RunFolders.configHome("relative")).isEqualTo(Path.of(System.getProperty("user.home"), ".config"));
	}

	@Test
	void buildingASecondCloneLeavesTheRecordedProjectAndSaysNothing(@TempDir Path config, @TempDir Path first,
			@TempDir Path second) throws Exception {
		Path recorded = project(first);
		RunFolders.recordProject(recorded, config);
		assertThat(RunFolders.recordProject(project(second), config)).isNull();
		assertThat(RunFolders.recordProject(recorded, config)).isNull();
		assertThat(RunFolders.record(config)).hasContent(recorded.toString());
	}

	@Test
	void aRecordedProjectThatIsGoneIsReplaced(@TempDir Path config, @TempDir Path clone) throws Exception {
		Files.createDirectories(RunFolders.record(config).getParent());
		Files.writeString(RunFolders.record(config), clone.resolve("moved-away") + "\n");
		Path project = project(clone);
		assertThat(RunFolders.recordProject(project, config)).startsWith("Copies of lab/server.py now start");
		assertThat(RunFolders.record(config)).hasContent(project.toString());
	}

	/** A folder that lab/server.py takes for the project. */
	private static Path project(Path folder) throws Exception {
		Files.writeString(folder.resolve("pom.xml"), "<project/>");
		Files.createDirectories(folder.resolve("lab"));
		Files.writeString(folder.resolve("lab").resolve("server.py"), "");
		return folder;
	}

	private Path folder(String name, boolean ready) throws Exception {
		Path folder = this.app.resolve(name);
		Files.createDirectories(folder.resolve("lib"));
		Files.writeString(folder.resolve("lib").resolve("spring-core.jar"), "jar");
		if (ready) {
			RunFolders.publish(folder, "chat-server.jar");
		}
		return folder;
	}

}
