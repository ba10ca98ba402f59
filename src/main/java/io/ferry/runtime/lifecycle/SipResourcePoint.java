package io.ferry.runtime.lifecycle;

import io.ferry.runtime.container.ApplicationHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipSessionsUtil;
import javax.servlet.sip.TimerService;

/**
 * One field or setter annotated with {@code @javax.annotation.Resource} whose type is one of the
 * container's services (JSR 289 §18 resource injection: SipFactory, TimerService, SipSessionsUtil).
 *
 * @param member        the field, or the setter ({@code void setX(T)})
 * @param type          {@code SipFactory.class}, {@code TimerService.class} or {@code SipSessionsUtil.class}
 * @param referenceName the Java EE reference name: {@code @Resource.name}, else
 *                      {@code <declaring class>/<field or property>} (Java EE 5.2.5: the default name)
 * @param lookup        {@code @Resource.lookup}, empty when not given
 */
public record SipResourcePoint(Member member, Class<?> type, String referenceName, String lookup) {

    /** The service of {@code handle} this point receives. */
    public Object valueFrom(ApplicationHandle handle) {
        if (type == SipFactory.class) return handle.sipFactory();
        if (type == TimerService.class) return handle.timerService();
        if (type == SipSessionsUtil.class) return handle.sipSessionsUtil();
        throw new IllegalStateException("not a SIP service type: " + type.getName());
    }

    /** Sets the field or calls the setter on {@code target}. */
    public void inject(Object target, Object value) throws ReflectiveOperationException {
        if (member instanceof Field f) {
            f.setAccessible(true);
            f.set(target, value);
        } else if (member instanceof Method m) {
            m.setAccessible(true);
            m.invoke(target, value);
        } else {
            throw new IllegalStateException("neither field nor method: " + member);
        }
    }
}
