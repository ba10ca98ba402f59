package io.ferry.runtime.lifecycle;

import io.ferry.runtime.container.ApplicationHandle;
import java.util.EventListener;
import java.util.List;
import javax.annotation.Resource;
import javax.enterprise.context.spi.CreationalContext;
import javax.enterprise.inject.spi.BeanManager;
import javax.enterprise.inject.spi.CDI;
import javax.enterprise.inject.spi.InjectionTarget;
import javax.enterprise.inject.spi.InjectionTargetFactory;
import javax.enterprise.inject.spi.configurator.AnnotatedTypeConfigurator;
import javax.servlet.ServletContext;
import javax.servlet.ServletContextAttributeListener;
import javax.servlet.ServletContextListener;
import javax.servlet.ServletException;
import javax.servlet.ServletRequestAttributeListener;
import javax.servlet.ServletRequestListener;
import javax.servlet.http.HttpSessionAttributeListener;
import javax.servlet.http.HttpSessionIdListener;
import javax.servlet.http.HttpSessionListener;
import javax.servlet.sip.SipServlet;

/**
 * Creates components the way the web container creates its own (measured on Open Liberty 25):
 * <ul>
 *   <li>Servlets: {@code ServletContext.createServlet}, so that {@code @Inject}, {@code @EJB},
 *       {@code @Resource} and {@code @PostConstruct} work. SIP service references
 *       ({@code @Resource SipFactory}…) are made resolvable while it runs by
 *       {@link JndiDefaultBindings}; without that Liberty fails the creation.</li>
 *   <li>Listeners that implement a listener type {@code createListener} accepts (Servlet 4
 *       §4.4.3: ServletContext(Attribute)Listener, ServletRequest(Attribute)Listener,
 *       HttpSession(Attribute/Id)Listener): {@code createListener}, same injection.</li>
 *   <li>Other listeners (only SIP listener interfaces): Liberty's {@code createListener} refuses
 *       them (SRVE8014E), so they are created as CDI non-contextual instances: {@code @Inject},
 *       {@code @PostConstruct} and {@code @PreDestroy} work, {@code @EJB} and other
 *       {@code @Resource} fields are not injected on this path (an EJB can be injected with
 *       {@code @Inject}). Without CDI, the public no-argument constructor is used.</li>
 * </ul>
 * Both calls are allowed only while the web application starts (in a
 * {@code ServletContainerInitializer} or a {@code ServletContextListener} the container knows,
 * such as Ferry's startup listener).
 */
public final class WebContainerComponentFactory implements ComponentFactory {

    private static final List<Class<?>> CREATE_LISTENER_TYPES = List.of(
            ServletContextListener.class, ServletContextAttributeListener.class, ServletRequestListener.class,
            ServletRequestAttributeListener.class, HttpSessionListener.class, HttpSessionAttributeListener.class,
            HttpSessionIdListener.class);

    private final ServletContext war;

    public WebContainerComponentFactory(ServletContext war) {
        this.war = war;
    }

    @Override
    public Created<SipServlet> servlet(Class<? extends SipServlet> type, ApplicationHandle handle) throws ServletException {
        try (JndiDefaultBindings b = JndiDefaultBindings.bind(SipResourceInjection.points(type), handle)) {
            return new Created<>(war.createServlet(type), () -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted while creating " + type.getName(), e);
        }
    }

    @Override
    public Created<EventListener> listener(Class<?> type, ApplicationHandle handle) throws ServletException {
        if (!EventListener.class.isAssignableFrom(type)) throw new ServletException(type.getName() + " is not a java.util.EventListener");
        if (CREATE_LISTENER_TYPES.stream().anyMatch(t -> t.isAssignableFrom(type))) {
            try (JndiDefaultBindings b = JndiDefaultBindings.bind(SipResourceInjection.points(type), handle)) {
                return new Created<>(war.createListener(type.asSubclass(EventListener.class)), () -> { });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServletException("interrupted while creating " + type.getName(), e);
            }
        }
        BeanManager beans;
        try {
            beans = CDI.current().getBeanManager();
        } catch (IllegalStateException noCdi) {
            return new Created<>(construct(type), () -> { });
        }
        return cdi(beans, type.asSubclass(EventListener.class));
    }

    private static <T extends EventListener> Created<EventListener> cdi(BeanManager beans, Class<T> type) {
        InjectionTargetFactory<T> factory = beans.getInjectionTargetFactory(beans.createAnnotatedType(type));
        AnnotatedTypeConfigurator<T> config = factory.configure();
        // the SIP services are injected by SipResourceInjection; CDI must not try to resolve them
        config.filterFields(f -> f.isAnnotationPresent(Resource.class) && SipResourceInjection.isSipService(f.getJavaMember().getType()))
                .forEach(f -> f.remove(a -> a.annotationType() == Resource.class));
        config.filterMethods(m -> m.isAnnotationPresent(Resource.class) && m.getJavaMember().getParameterCount() == 1
                        && SipResourceInjection.isSipService(m.getJavaMember().getParameterTypes()[0]))
                .forEach(m -> m.remove(a -> a.annotationType() == Resource.class));
        InjectionTarget<T> target = factory.createInjectionTarget(null);
        CreationalContext<T> cc = beans.createCreationalContext(null);
        T instance = target.produce(cc);
        target.inject(instance, cc);
        target.postConstruct(instance);
        return new Created<>(instance, () -> {
            target.preDestroy(instance);
            target.dispose(instance);
            cc.release();
        });
    }

    private static EventListener construct(Class<?> type) throws ServletException {
        try {
            return (EventListener) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ServletException("cannot instantiate listener " + type.getName() + ": " + e, e);
        }
    }
}
