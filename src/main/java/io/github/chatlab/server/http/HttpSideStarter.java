package io.github.chatlab.server.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.lang.model.element.Modifier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.generate.GeneratedMethod;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportLoggingListener;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.context.ServerPortInfoApplicationContextInitializer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.AnnotationConfigRegistry;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.event.EventListener;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.javapoet.ClassName;

/**
 * Starts the HTTP side (Tomcat, Spring MVC, Spring Security, the actuator's web exposure,
 * the console) in a context of its own, a child of the main one, once the application is
 * ready, so after {@code Server is on}: the lab's tests wait for that line, and the chat
 * needs none of it (R2, issue 21). The child sees every bean of the main context (the
 * endpoints, health, meters, the chat's state); the main context sees nothing of it.
 * Until the child has started, nothing answers on the HTTP port, and once it answers, its
 * security filter chain is in place: Tomcat's connector binds last in the child's
 * refresh.
 * <p>
 * R2 and the decision "HTTP port" in PROTOCOL.md: a taken HTTP port is a failed start,
 * one line and exit status 1. So the port is bound before {@code Server is on} and held
 * until just before Tomcat binds it ({@link PortReservation}); should another process
 * take it in that instant, the start still fails with the same line, after
 * {@code Server is on}. {@code server.port=-1} leaves the HTTP side out.
 * <p>
 * Spring AOT: at build time this generates the child's bean definitions beside the main
 * context's (the way Spring Boot's own child management context does), and at run time
 * the generated initializer replaces the configuration-class processing.
 */
public final class HttpSideStarter implements BeanRegistrationAotProcessor, DisposableBean {

	private static final Log logger = LogFactory.getLog(HttpSideStarter.class);

	private final ConfigurableApplicationContext main;

	private volatile @Nullable ApplicationContextInitializer<ConfigurableApplicationContext> generated;

	private volatile @Nullable PortReservation reservation;

	private volatile @Nullable ConfigurableApplicationContext http;

	HttpSideStarter(ConfigurableApplicationContext main) {
		this.main = main;
	}

	/**
	 * Before {@code Server is on} (that listener comes later): a taken HTTP port is a
	 * failed start (R2).
	 */
	@EventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void reservePort(ApplicationReadyEvent event) {
		if (event.getApplicationContext() == this.main) {
			this.reservation = PortReservation.reserve(this.main.getEnvironment());
		}
	}

	/**
	 * Once the application accepts traffic: Spring Boot announces that after every
	 * listener of the ready event, {@code Server is on} included.
	 */
	@EventListener
	void start(AvailabilityChangeEvent<ReadinessState> event) {
		if (event.getSource() != this.main || event.getState() != ReadinessState.ACCEPTING_TRAFFIC || this.http != null
				|| isSwitchedOff(this.main.getEnvironment())) {
			return;
		}
		long started = System.nanoTime();
		ConfigurableApplicationContext http = create();
		register(http);
		PortReservation reservation = this.reservation;
		this.reservation = null;
		if (reservation != null) {
			http.getBeanFactory().registerSingleton("httpPortReservation", reservation);
		}
		try {
			http.refresh();
		}
		finally {
			if (reservation != null) {
				reservation.release();
			}
		}
		this.http = http;
		if (logger.isDebugEnabled()) {
			logger.debug("HTTP side started in " + (System.nanoTime() - started) / 1_000_000 + " ms");
		}
	}

	/** The HTTP side's context, once started. */
	@Nullable ConfigurableApplicationContext http() {
		return this.http;
	}

	@Override
	public void destroy() {
		PortReservation reservation = this.reservation;
		if (reservation != null) {
			reservation.release();
		}
		ConfigurableApplicationContext http = this.http;
		if (http != null) {
			http.close();
		}
	}

	private static boolean isSwitchedOff(Environment environment) {
		return port(environment) < 0;
	}

	/** {@code server.port} as Tomcat will read it: 0 for any free port, -1 for none. */
	private static int port(Environment environment) {
		return environment.getProperty("server.port", Integer.class, 8080);
	}

	private ConfigurableApplicationContext create() {
		ConfigurableEnvironment environment = ApplicationContextFactory.DEFAULT
			.createEnvironment(WebApplicationType.SERVLET);
		environment.setConversionService(this.main.getEnvironment().getConversionService());
		ConfigurableApplicationContext http = ApplicationContextFactory.DEFAULT.create(WebApplicationType.SERVLET);
		http.setEnvironment(environment);
		http.setParent(this.main);
		http.setId(this.main.getId() + ":http");
		if (http instanceof DefaultResourceLoader resourceLoader) {
			resourceLoader.setClassLoader(this.main.getClassLoader());
		}
		new ConditionEvaluationReportLoggingListener().initialize(http);
		// local.server.port, in the main context's environment too
		new ServerPortInfoApplicationContextInitializer().initialize(http);
		return http;
	}

	private void register(ConfigurableApplicationContext http) {
		ApplicationContextInitializer<ConfigurableApplicationContext> generated = this.generated;
		if (generated != null) {
			generated.initialize(http);
		}
		else {
			((AnnotationConfigRegistry) http).register(HttpSideConfiguration.class);
		}
	}

	HttpSideStarter withGeneratedInitializer(
			ApplicationContextInitializer<? extends ConfigurableApplicationContext> initializer) {
		@SuppressWarnings("unchecked")
		ApplicationContextInitializer<ConfigurableApplicationContext> generated = (ApplicationContextInitializer<ConfigurableApplicationContext>) initializer;
		this.generated = generated;
		return this;
	}

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		if (registeredBean.getBeanClass() != HttpSideStarter.class
				|| registeredBean.getBeanFactory() != this.main.getBeanFactory()) {
			return null;
		}
		ConfigurableApplicationContext http = create();
		register(http);
		return new AotContribution((GenericApplicationContext) http);
	}

	@Override
	public boolean isBeanExcludedFromAotProcessing() {
		return false;
	}

	/**
	 * The HTTP side's bean definitions, generated at build time beside the main
	 * context's; the starter is handed their initializer when it is created.
	 */
	private record AotContribution(GenericApplicationContext http) implements BeanRegistrationAotContribution {

		@Override
		public void applyTo(GenerationContext generationContext, BeanRegistrationCode beanRegistrationCode) {
			ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(this.http,
					generationContext.withName("Http"));
			GeneratedMethod method = beanRegistrationCode.getMethods()
				.add("addHttpSideInitializer",
						(builder) -> builder.addJavadoc("The HTTP side's ahead-of-time bean definitions")
							.addModifiers(Modifier.PRIVATE, Modifier.STATIC)
							.addParameter(RegisteredBean.class, "registeredBean")
							.addParameter(HttpSideStarter.class, "instance")
							.returns(HttpSideStarter.class)
							.addStatement("return instance.withGeneratedInitializer(new $L())", initializer));
			beanRegistrationCode.addInstancePostProcessor(method.toMethodReference());
		}

	}

	/**
	 * The HTTP port, held from before {@code Server is on} until Tomcat is about to bind
	 * it: a lifecycle of the HTTP side's context whose phase comes just before the web
	 * server's. The port is bound but not listening (and without {@code SO_REUSEADDR}),
	 * so connections to it are refused rather than accepted by nobody, and no other
	 * server can listen on it meanwhile; binding fails if one listens there already.
	 */
	static final class PortReservation implements SmartLifecycle {

		private final Socket socket;

		private volatile boolean released;

		private PortReservation(Socket socket) {
			this.socket = socket;
		}

		/**
		 * Binds {@code server.address}:{@code server.port} as Tomcat will.
		 * @return the reservation, or null where there is nothing to reserve (a free port
		 * picked by the system, or no HTTP side)
		 * @throws PortInUseException if the port is taken
		 */
		static @Nullable PortReservation reserve(Environment environment) {
			int port = port(environment);
			if (port <= 0) {
				return null;
			}
			String address = environment.getProperty("server.address");
			try {
				InetSocketAddress local = new InetSocketAddress(
						(address != null) ? InetAddress.getByName(address) : null, port);
				PortReservation reservation = bind(local, false);
				if (reservation == null) {
					// connections of an earlier server in TIME_WAIT block only this
					// first try, and never Tomcat (which reuses the address): a weaker
					// hold, that another listening socket could still take
					reservation = bind(local, true);
				}
				if (reservation == null) {
					throw new PortInUseException(port);
				}
				return reservation;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private static @Nullable PortReservation bind(InetSocketAddress local, boolean reuseAddress)
				throws IOException {
			Socket socket = new Socket();
			try {
				socket.setReuseAddress(reuseAddress);
				socket.bind(local);
				return new PortReservation(socket);
			}
			catch (BindException ex) {
				socket.close();
				return null;
			}
		}

		/** Releases the port: starting is what this lifecycle is for. */
		@Override
		public void start() {
			release();
		}

		@Override
		public void stop() {
			release();
		}

		void release() {
			this.released = true;
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closed already
			}
		}

		@Override
		public boolean isRunning() {
			return this.released;
		}

		@Override
		public boolean isAutoStartup() {
			return true;
		}

		@Override
		public int getPhase() {
			return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
		}

	}

}
