package io.github.chatlab.server.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class of the HTTP side (Spring Security's chains, MVC configuration, anything
 * that needs the servlet container): it is registered in the HTTP side's context, which
 * starts after {@code Server is on}, and never in the main context (R2). Controllers and
 * controller advice need no mark; everything else in the application is the main
 * context's.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface HttpSide {

}
