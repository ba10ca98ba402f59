package io.ferry.runtime.lifecycle;

import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.servlet.ServletContext;

/**
 * A WAR's ServletContext for unit tests: attributes, init parameters, and resources given as
 * path → bytes (getResourcePaths lists them like a servlet container).
 */
public final class FakeServletContext implements InvocationHandler {

    public final Map<String, Object> attributes = new LinkedHashMap<>();
    public final Map<String, String> initParams = new LinkedHashMap<>();
    public final Map<String, byte[]> resources = new LinkedHashMap<>();
    private final String name;
    private final ServletContext proxy;

    public FakeServletContext(String name) {
        this.name = name;
        this.proxy = (ServletContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServletContext.class}, this);
    }

    public ServletContext context() {
        return proxy;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] a) {
        return switch (method.getName()) {
            case "getAttribute" -> attributes.get((String) a[0]);
            case "getAttributeNames" -> Collections.enumeration(attributes.keySet());
            case "setAttribute" -> attributes.put((String) a[0], a[1]);
            case "removeAttribute" -> attributes.remove((String) a[0]);
            case "getInitParameter" -> initParams.get((String) a[0]);
            case "getInitParameterNames" -> Collections.enumeration(initParams.keySet());
            case "setInitParameter" -> initParams.putIfAbsent((String) a[0], (String) a[1]) == null;
            case "getServletContextName" -> name;
            case "getContextPath" -> "/" + name;
            case "getClassLoader" -> FakeServletContext.class.getClassLoader();
            case "getResourceAsStream" -> resources.containsKey((String) a[0]) ? new ByteArrayInputStream(resources.get((String) a[0])) : null;
            case "getResourcePaths" -> resourcePaths((String) a[0]);
            case "hashCode" -> System.identityHashCode(self);
            case "equals" -> self == a[0];
            case "toString" -> "FakeServletContext[" + name + "]";
            default -> throw new UnsupportedOperationException("FakeServletContext." + method.getName());
        };
    }

    /** The direct children of {@code dir} (directories end with "/"), or null when there are none. */
    Set<String> resourcePaths(String dir) {
        Set<String> out = new TreeSet<>();
        for (String path : resources.keySet()) {
            if (!path.startsWith(dir) || path.equals(dir)) continue;
            String rest = path.substring(dir.length());
            int slash = rest.indexOf('/');
            out.add(slash < 0 ? path : dir + rest.substring(0, slash + 1));
        }
        return out.isEmpty() ? null : out;
    }
}
