package io.github.chatlab.server.http;

import java.util.List;

import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.TypeFilter;

/**
 * The application's own classes that belong to the HTTP side's context: those marked
 * {@link HttpSide}, and Spring MVC's controllers and controller advice. The main
 * context's component scan excludes them, the HTTP side's includes only them, so no bean
 * is in both.
 */
public final class HttpSideTypes implements TypeFilter {

	private static final List<String> MARKS = List.of(HttpSide.class.getName(),
			"org.springframework.stereotype.Controller", "org.springframework.web.bind.annotation.ControllerAdvice");

	@Override
	public boolean match(MetadataReader metadataReader, MetadataReaderFactory metadataReaderFactory) {
		AnnotationMetadata metadata = metadataReader.getAnnotationMetadata();
		for (String mark : MARKS) {
			if (metadata.isAnnotated(mark)) {
				return true;
			}
		}
		return false;
	}

}
