package io.telepay.outbox.internal;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.telepay.outbox.OutboxListener;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/** Every {@link OutboxListener} method of the application's beans, found once at start. */
@Component
public class Listeners implements SmartInitializingSingleton {

    /** One listener: the bean, its method, and its id in the outbox (class and method, stable across starts). */
    public record Listener(String id, Object bean, Method method, Class<?> eventType) {

        void hear(Object event) {
            ReflectionUtils.invokeMethod(method, bean, event);
        }
    }

    /** The record components that order events, first found first. */
    static final List<String> KEY_NAMES = List.of("paymentId", "orderId", "sessionId");

    private final ApplicationContext context;
    private final Map<String, Listener> byId = new ConcurrentHashMap<>();
    private final Map<Class<?>, List<Listener>> byEventType = new ConcurrentHashMap<>();
    private final Map<Class<?>, Optional<Method>> keys = new ConcurrentHashMap<>();

    Listeners(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name, false);
            if (type == null) {
                continue;
            }
            Class<?> target = ClassUtils.getUserClass(type);
            Map<Method, OutboxListener> methods = MethodIntrospector.selectMethods(target,
                    (MethodIntrospector.MetadataLookup<OutboxListener>) m -> AnnotatedElementUtils.findMergedAnnotation(m,
                            OutboxListener.class));
            methods.keySet().forEach(method -> register(context.getBean(name), method));
        }
    }

    private void register(Object bean, Method method) {
        if (method.getParameterCount() != 1) {
            throw new IllegalStateException("@OutboxListener " + method + " must take exactly the event");
        }
        Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
        ReflectionUtils.makeAccessible(invocable);
        Class<?> eventType = method.getParameterTypes()[0];
        // the form Spring gives a transactional listener's id, so publications of the earlier registry carry over (V151)
        String id = method.getDeclaringClass().getName() + "." + method.getName() + "(" + eventType.getName() + ")";
        if (byId.putIfAbsent(id, new Listener(id, bean, invocable, eventType)) != null) {
            throw new IllegalStateException("two @OutboxListener methods share the id " + id);
        }
        byEventType.clear();
    }

    /** The listeners that hear an event of this class. */
    public List<Listener> of(Class<?> eventClass) {
        return byEventType.computeIfAbsent(eventClass, type -> {
            List<Listener> hearing = new ArrayList<>();
            byId.values().stream().filter(l -> l.eventType().isAssignableFrom(type))
                    .sorted(java.util.Comparator.comparing(Listener::id)).forEach(hearing::add);
            return List.copyOf(hearing);
        });
    }

    /** The ids of all listeners. */
    public java.util.Set<String> ids() {
        return java.util.Set.copyOf(byId.keySet());
    }

    public Optional<Listener> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * What orders an event among others: its payment, else its order, else its session (the first of those
     * record components it has); null when it has none.
     */
    public String keyOf(Object event) {
        return keys.computeIfAbsent(event.getClass(), Listeners::keyAccessor)
                .map(accessor -> (String) ReflectionUtils.invokeMethod(accessor, event)).orElse(null);
    }

    /** The name of the record component {@link #keyOf} reads for events of this class ({@code paymentId} …), or null. */
    public String keyNameOf(Class<?> eventClass) {
        return keys.computeIfAbsent(eventClass, Listeners::keyAccessor).map(Method::getName).orElse(null);
    }

    private static Optional<Method> keyAccessor(Class<?> type) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        for (String name : KEY_NAMES) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals(name) && component.getType() == String.class) {
                    Method accessor = component.getAccessor();
                    ReflectionUtils.makeAccessible(accessor);
                    return Optional.of(accessor);
                }
            }
        }
        return Optional.empty();
    }
}
