package org.jbec.web.internal;

import java.io.IOException;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.ScanQueueModificationMessage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code POST /jbec/api/queue}: the page's pause, continue and abort buttons. Sends the queue
 * modification request on the bus as the shell does; the effect shows on the page through the queue
 * status like any other change. Bad input gets 400 with a JSON {@code error}.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + QueueActionServlet.PATH,
        "osgi.http.whiteboard.servlet.name=jbec-web-queue" })
public final class QueueActionServlet extends HttpServlet {

    static final String PATH = "/jbec/api/queue";
    private static final long serialVersionUID = 1L;

    private final transient Connector bus;
    private final transient WebSessions sessions;

    @Activate
    public QueueActionServlet(@Reference Connector bus, @Reference WebSessions sessions) {
        this.bus = bus;
        this.sessions = sessions;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var session = sessions.admit(request, response, WebSessions.Session::mayModifyQueue, "change the queue");
        if (session.isEmpty()) {
            return;
        }
        QueueAction action;
        try {
            action = QueueAction.parse(FormBody.read(request));
        } catch (QueueAction.BadRequest e) {
            Json.answer(response, HttpServletResponse.SC_BAD_REQUEST, Map.of("error", e.getMessage()));
            return;
        }
        try {
            bus.send(Endpoints.scanQueueModificationRequest(),
                    new ScanQueueModificationMessage(session.get().user() == null ? null
                            : Map.of("acl_user", session.get().user(), "origin", "web view"),
                            null, null, action.action(), Map.of(), action.queue()));
        } catch (RuntimeException e) {
            Json.answer(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    Map.of("error", "the bus did not take the request: " + BusValues.clip(e.getMessage())));
            return;
        }
        Json.answer(response, HttpServletResponse.SC_OK, Map.of("sent", action.action(), "queue", action.queue()));
    }
}
