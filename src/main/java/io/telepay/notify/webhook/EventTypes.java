package io.telepay.notify.webhook;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

import io.telepay.shared.PublicEvent;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The event types an endpoint may subscribe to: one per {@link PublicEvent} class on the class path,
 * found once at start. The notify module knows no other module's classes; an event becomes subscribable
 * the moment its module marks it public.
 */
final class EventTypes {

    private final SortedSet<String> types;

    private EventTypes(Collection<String> types) {
        this.types = new TreeSet<>(types);
    }

    static EventTypes of(Collection<String> types) {
        return new EventTypes(types);
    }

    /** Every public event class under {@code basePackage}. */
    static EventTypes scan(String basePackage) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(PublicEvent.class));
        TreeSet<String> found = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            found.add(PublicEvent.typeOf(ClassUtils.resolveClassName(candidate.getBeanClassName(), EventTypes.class.getClassLoader())));
        }
        return new EventTypes(found);
    }

    boolean contains(String type) {
        return types.contains(type);
    }

    SortedSet<String> all() {
        return Collections.unmodifiableSortedSet(types);
    }
}
