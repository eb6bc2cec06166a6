package io.github.chatlab.server.http;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.boot.context.annotation.ImportCandidates;

/**
 * Splits Spring Boot's auto-configuration between the two contexts: the servlet
 * container, Spring MVC, Spring Security, the actuator's web exposure and JSON go to the
 * HTTP side's context, which starts after {@code Server is on}; everything else (Spring
 * Integration, meters, the endpoints themselves, health) to the main context, where the
 * HTTP side finds it as its parent. Keeping the HTTP side's classes out of the main
 * context is what makes {@code Server is on} come sooner (R2, issue 21).
 */
public final class HttpSideAutoConfigurations
		implements AutoConfigurationImportFilter, BeanFactoryAware, BeanClassLoaderAware {

	/**
	 * Packages of the auto-configurations that belong to the HTTP side: the web stack,
	 * and what only it uses (JSON, SSL bundles, the info endpoint and what it reads, and
	 * Bean Validation should it ever be added for request bodies; {@code chat.*} settings
	 * are checked by {@code settings.SettingChecks}).
	 */
	private static final List<String> HTTP_SIDE = List.of("org.springframework.boot.tomcat.",
			"org.springframework.boot.servlet.", "org.springframework.boot.webmvc.",
			"org.springframework.boot.security.", "org.springframework.boot.http.converter.",
			"org.springframework.boot.jackson.", "org.springframework.boot.actuate.autoconfigure.endpoint.jackson.",
			"org.springframework.boot.actuate.autoconfigure.endpoint.web.",
			"org.springframework.boot.actuate.autoconfigure.web.",
			"org.springframework.boot.actuate.autoconfigure.info.", "org.springframework.boot.autoconfigure.info.",
			"org.springframework.boot.autoconfigure.ssl.", "org.springframework.boot.validation.",
			"org.springframework.boot.websocket.", "org.springframework.boot.thymeleaf.",
			"org.springframework.boot.mustache.", "org.springframework.boot.freemarker.");

	/** Each context needs its own of these. */
	private static final Set<String> BOTH = Set.of(
			"org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration",
			"org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration");

	private @Nullable BeanFactory beanFactory;

	private @Nullable ClassLoader classLoader;

	private @Nullable Set<String> autoConfigurations;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.beanFactory = beanFactory;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses,
			AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean httpSideContext = isHttpSideContext();
		Set<String> autoConfigurations = autoConfigurations();
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < matches.length; i++) {
			String name = autoConfigurationClasses[i];
			matches[i] = name == null || !autoConfigurations.contains(name) || BOTH.contains(name)
					|| isHttpSide(name) == httpSideContext;
		}
		return matches;
	}

	/**
	 * Only auto-configurations are split: Spring Boot also asks the filters about every
	 * class an auto-configuration imports ({@code DeferredImportSelector}'s exclusion
	 * filter), and those go where their importer goes.
	 */
	private Set<String> autoConfigurations() {
		Set<String> autoConfigurations = this.autoConfigurations;
		if (autoConfigurations == null) {
			autoConfigurations = new HashSet<>(
					ImportCandidates.load(AutoConfiguration.class, this.classLoader).getCandidates());
			this.autoConfigurations = autoConfigurations;
		}
		return autoConfigurations;
	}

	static boolean isHttpSide(String autoConfiguration) {
		for (String prefix : HTTP_SIDE) {
			if (autoConfiguration.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	private boolean isHttpSideContext() {
		return this.beanFactory instanceof ListableBeanFactory listable
				&& listable.getBeanNamesForType(HttpSideConfiguration.class, false, false).length > 0;
	}

}
