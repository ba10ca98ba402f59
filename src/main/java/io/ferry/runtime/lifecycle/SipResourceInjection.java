package io.ferry.runtime.lifecycle;

import io.ferry.runtime.container.ApplicationHandle;
import java.beans.Introspector;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.Resource;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipSessionsUtil;
import javax.servlet.sip.TimerService;

/**
 * JSR 289 §18 resource injection: fields and setters annotated with {@code @Resource} whose type is
 * SipFactory, TimerService or SipSessionsUtil receive the application's instance. Superclass
 * members are injected first (Java EE 5.2.5 and JSR 250: injection runs from the top of the
 * hierarchy down); a setter overridden in a subclass is injected once, through the override.
 * Static members are not injected (JSR 250 allows them only in application clients).
 */
public final class SipResourceInjection {

    private static final Set<Class<?>> SERVICES = Set.of(SipFactory.class, TimerService.class, SipSessionsUtil.class);

    private SipResourceInjection() {
    }

    /** True for the types this injection provides. */
    public static boolean isSipService(Class<?> type) {
        return SERVICES.contains(type);
    }

    /** The injection points of {@code type}, superclass first. */
    public static List<SipResourcePoint> points(Class<?> type) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) hierarchy.add(0, c);
        List<SipResourcePoint> out = new ArrayList<>();
        for (Class<?> c : hierarchy) {
            for (Field f : c.getDeclaredFields()) {
                Resource r = f.getAnnotation(Resource.class);
                if (r == null || Modifier.isStatic(f.getModifiers()) || !isSipService(f.getType())) continue;
                out.add(new SipResourcePoint(f, f.getType(), referenceName(r, c, f.getName()), r.lookup()));
            }
            for (Method m : c.getDeclaredMethods()) {
                Resource r = m.getAnnotation(Resource.class);
                if (r == null || Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 1
                        || !m.getName().startsWith("set") || m.getName().length() == 3
                        || !isSipService(m.getParameterTypes()[0])) continue;
                String property = Introspector.decapitalize(m.getName().substring(3));
                out.add(new SipResourcePoint(m, m.getParameterTypes()[0], referenceName(r, c, property), r.lookup()));
            }
        }
        // keep only the lowest declaration of a setter (the one dispatch reaches)
        List<SipResourcePoint> result = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            SipResourcePoint p = out.get(i);
            if (p.member() instanceof Method m && !Modifier.isPrivate(m.getModifiers())) {
                boolean later = false;
                for (int j = i + 1; j < out.size(); j++) {
                    if (out.get(j).member() instanceof Method n && n.getName().equals(m.getName())
                            && n.getParameterCount() == 1 && n.getParameterTypes()[0] == m.getParameterTypes()[0]) later = true;
                }
                if (later) continue;
            }
            result.add(p);
        }
        return List.copyOf(result);
    }

    /** Injects {@code handle}'s services into every point of {@code target}. */
    public static void inject(Object target, ApplicationHandle handle) throws ReflectiveOperationException {
        for (SipResourcePoint p : points(target.getClass())) p.inject(target, p.valueFrom(handle));
    }

    private static String referenceName(Resource r, Class<?> declaring, String member) {
        String name = r.name().strip();
        if (name.startsWith("java:comp/env/")) name = name.substring("java:comp/env/".length());
        return name.isEmpty() ? declaring.getName() + "/" + member : name;
    }
}
