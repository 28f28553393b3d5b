package dev.plinth.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Every SQL statement the service in this JVM prepares, with the thread that prepared it: how the suite
 * counts the queries one request makes (Tomcat's request threads are named {@code http-nio-…}). The
 * data source is wrapped, nothing else changes.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SqlStatements {

    /** One statement prepared: its thread's name and its SQL. */
    public record Statement(String thread, String sql) {}

    private static final List<Statement> PREPARED = new CopyOnWriteArrayList<>();
    private static final Set<String> PREPARING = Set.of("prepareStatement", "prepareCall", "createStatement");

    /** Forgets what was prepared so far. */
    public static void clear() {
        PREPARED.clear();
    }

    /** The statements prepared since {@link #clear} on the threads that serve HTTP requests. */
    public static List<Statement> ofRequests() {
        return PREPARED.stream().filter(s -> s.thread().startsWith("http-")).toList();
    }

    @Bean
    static BeanPostProcessor countingStatements() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource dataSource ? counting(dataSource) : bean;
            }
        };
    }

    private static DataSource counting(DataSource target) {
        return proxy(
                DataSource.class,
                target,
                (method, args, result) -> result instanceof Connection c
                        ? proxy(Connection.class, c, (m, a, r) -> {
                            if (PREPARING.contains(m.getName())) {
                                String sql = a != null && a.length > 0 && a[0] instanceof String s ? s : "(statement)";
                                PREPARED.add(
                                        new Statement(Thread.currentThread().getName(), sql));
                            }
                            return r;
                        })
                        : result);
    }

    @FunctionalInterface
    private interface After {
        Object apply(Method method, Object[] args, Object result);
    }

    private static <T> T proxy(Class<T> type, T target, After after) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return after.apply(method, args, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
