package io.github.chatlab.server;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads where the JVM has them (Java 21 or later), reached reflectively because
 * the server is built for, and runs on, Java 17.
 */
final class VirtualThreads {

	private VirtualThreads() {
	}

	static boolean available() {
		return Runtime.version().feature() >= 21;
	}

	/** An executor that starts a named virtual thread per task. */
	static Executor executor(String namePrefix) {
		ThreadFactory factory = factory(namePrefix);
		return command -> factory.newThread(command).start();
	}

	private static ThreadFactory factory(String namePrefix) {
		try {
			MethodHandles.Lookup lookup = MethodHandles.publicLookup();
			Class<?> builderClass = Class.forName("java.lang.Thread$Builder");
			Object builder = lookup
				.findStatic(Thread.class, "ofVirtual",
						MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")))
				.invoke();
			MethodHandle name = lookup.findVirtual(builderClass, "name",
					MethodType.methodType(builderClass, String.class, long.class));
			builder = name.invoke(builder, namePrefix, 1L);
			return (ThreadFactory) lookup
				.findVirtual(builderClass, "factory", MethodType.methodType(ThreadFactory.class))
				.invoke(builder);
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Virtual threads need Java 21 or later", ex);
		}
	}

}
