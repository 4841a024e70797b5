package org.jbec.launcher.internal;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A Gogo command session opened from outside the framework. The launcher's class path does not see
 * the Gogo API (it lives in the gogo.runtime bundle), so the calls go through the bundle's own
 * interface classes by reflection: {@code CommandProcessor.createSession},
 * {@code CommandSession.execute/format/close}.
 */
final class GogoSession implements AutoCloseable {

    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final String SESSION = "org.apache.felix.service.command.CommandSession";
    private static final int INSPECT = 0; // Converter.INSPECT: the full, multi-line rendering

    private final Object session;
    private final Method execute;
    private final Method format;
    private final Method close;

    private GogoSession(Object session, Class<?> sessionType) throws NoSuchMethodException {
        this.session = session;
        this.execute = sessionType.getMethod("execute", CharSequence.class);
        this.format = sessionType.getMethod("format", Object.class, int.class);
        this.close = sessionType.getMethod("close");
    }

    /** Opens a session whose command output goes to {@code out} and {@code err}. */
    static GogoSession open(BundleContext context, Duration wait, OutputStream out, OutputStream err)
            throws Exception {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context,
                context.createFilter("(objectClass=" + PROCESSOR + ")"), null);
        tracker.open(true);
        try {
            Object processor = tracker.waitForService(wait.toMillis());
            if (processor == null) {
                throw new IllegalStateException("the Gogo command processor did not start within " + wait);
            }
            ClassLoader loader = processor.getClass().getClassLoader();
            Class<?> processorType = Class.forName(PROCESSOR, false, loader);
            Class<?> sessionType = Class.forName(SESSION, false, loader);
            Object session = processorType.getMethod("createSession", java.io.InputStream.class,
                    OutputStream.class, OutputStream.class)
                    .invoke(processor, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true,
                            StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            return new GogoSession(session, sessionType);
        } finally {
            tracker.close();
        }
    }

    /**
     * Executes one statement and renders its result as the interactive shell would.
     *
     * @return the rendered result, empty when the statement returned nothing
     * @throws Exception what the command threw
     */
    String execute(String statement) throws Exception {
        try {
            Object result = execute.invoke(session, statement);
            if (result == null) {
                return "";
            }
            return String.valueOf(format.invoke(session, result, INSPECT));
        } catch (InvocationTargetException e) {
            // Gogo wraps what a command threw in its own reflective call: report the command's exception
            Throwable cause = e;
            while (cause instanceof InvocationTargetException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw new Exception(cause.toString(), cause);
        }
    }

    @Override
    public void close() {
        try {
            close.invoke(session);
        } catch (ReflectiveOperationException e) {
            // closing a session that failed is best effort
        }
    }
}
