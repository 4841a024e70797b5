package org.jbec.web.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.DAPRequestMessage;
import org.jbec.bus.api.message.DAPResponseMessage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code POST /jbec/api/fit} ({@code model}, {@code x}, {@code y}): fits the current scan's points as
 * the page shows them, by asking the data-processing service on the bus (BEC's DAP request with the
 * data), and answers its parameters and fitted curve for the page to draw over the points.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + FitServlet.PATH,
        "osgi.http.whiteboard.servlet.name=jbec-web-fit" })
public final class FitServlet extends HttpServlet {

    static final String PATH = "/jbec/api/fit";
    private static final long serialVersionUID = 1L;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(15);

    private final transient Connector bus;
    private final transient LiveFeed feed;
    private final transient WebSessions sessions;

    @Activate
    public FitServlet(@Reference Connector bus, @Reference LiveFeed feed, @Reference WebSessions sessions) {
        this.bus = bus;
        this.feed = feed;
        this.sessions = sessions;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (sessions.admit(request, response, WebSessions.Session::mayFit, "ask for fits").isEmpty()) {
            return;
        }
        Map<String, String> fields;
        try {
            fields = FormBody.fields(FormBody.read(request));
            for (String field : List.of("model", "x", "y")) {
                if (!NAME.matcher(fields.getOrDefault(field, "")).matches()) {
                    throw new QueueAction.BadRequest("field '" + field + "' must be 1 to 64 letters, digits or _.-");
                }
            }
        } catch (QueueAction.BadRequest e) {
            Json.answer(response, HttpServletResponse.SC_BAD_REQUEST, Map.of("error", e.getMessage()));
            return;
        }
        double[][] curve = feed.curve(fields.get("x"), fields.get("y"));
        String rid = UUID.randomUUID().toString();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("data_x", toList(curve[0]));
        kwargs.put("data_y", toList(curve[1]));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("args", List.of());
        config.put("kwargs", kwargs);
        config.put("class_args", List.of());
        config.put("class_kwargs", Map.of("model", fields.get("model")));
        Optional<DAPResponseMessage> answer;
        CompletableFuture<DAPResponseMessage> answered = new CompletableFuture<>();
        // subscribed before the request goes out, so the answer cannot pass unseen
        try (Subscription subscription = bus.subscribe(Endpoints.dapResponse(rid), e -> {
            if (e.value() instanceof DAPResponseMessage m) {
                answered.complete(m);
            }
        })) {
            bus.setAndPublish(Endpoints.dapRequest(), new DAPRequestMessage(Map.of("RID", rid), "LmfitService1D",
                    "on_demand", config));
            answer = Optional.of(answered.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            answer = bus.get(Endpoints.dapResponse(rid)); // answered while the subscription was being set up
        } catch (RuntimeException | ExecutionException e) {
            Json.answer(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    Map.of("error", "the fit request did not go through: " + BusValues.clip(String.valueOf(e.getMessage()))));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (answer.isEmpty()) {
            Json.answer(response, HttpServletResponse.SC_GATEWAY_TIMEOUT, Map.of("error",
                    "no data-processing service answered within " + ANSWER_WITHIN.toSeconds() + " s"));
        } else if (!Boolean.TRUE.equals(answer.get().success())) {
            Json.answer(response, HttpServletResponse.SC_OK, Map.of("error",
                    BusValues.clip(String.valueOf(answer.get().error()))));
        } else {
            Json.answer(response, HttpServletResponse.SC_OK, FitAnswer.of(answer.get()));
        }
    }

    private static List<Object> toList(double[] values) {
        List<Object> out = new java.util.ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
