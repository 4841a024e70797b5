package org.jbec.dap.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jbec.dap.Background;
import org.jbec.dap.Curve;
import org.jbec.dap.DataProcessing;
import org.jbec.dap.FitModel;
import org.jbec.dap.FitResult;
import org.jbec.dap.PeakStatistics;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data-processing service with its fit models as a whiteboard: every {@link FitModel} service
 * is picked up (and dropped) while the service runs, keyed by its {@value FitModel#MODEL_PROPERTY}
 * property. Listeners hear of every change, so the bus can republish the model list.
 */
@Component(service = {DataProcessing.class, ModelWhiteboard.class})
public final class ModelWhiteboard implements DataProcessing {

    private final Logger logger = LoggerFactory.getLogger(ModelWhiteboard.class);
    private final Map<String, FitModel> models = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** An empty whiteboard: models arrive through {@link #addModel}. */
    public ModelWhiteboard() {
        // DS needs a public constructor; the models are dynamic references, bound after activation
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addModel(FitModel model, Map<String, Object> properties) {
        Object key = properties.get(FitModel.MODEL_PROPERTY);
        if (!(key instanceof String name) || name.isBlank()) {
            logger.warn("Fit model {} ignored: it has no {} property", model.getClass().getName(), FitModel.MODEL_PROPERTY);
            return;
        }
        FitModel earlier = models.putIfAbsent(name, model);
        if (earlier != null) {
            logger.warn("Fit model {} from {} ignored: {} already provides it", name, model.getClass().getName(),
                    earlier.getClass().getName());
            return;
        }
        changed();
    }

    void removeModel(FitModel model, Map<String, Object> properties) {
        if (properties.get(FitModel.MODEL_PROPERTY) instanceof String name && models.remove(name, model)) {
            changed();
        }
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    /** Runs {@code listener} after every change of the model set. */
    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    Optional<FitModel> model(String name) {
        return Optional.ofNullable(models.get(name));
    }

    /** The fitted curve of a successful fit at other x values (oversampled output); empty if its model left. */
    Optional<double[]> evaluate(FitResult fit, double[] x) {
        FitModel fitModel = models.get(fit.model());
        if (fitModel == null || !fit.success()) {
            return Optional.empty();
        }
        double[] p = fit.parameters().stream().mapToDouble(org.jbec.dap.FitParameter::value).toArray();
        return Optional.of(new FitFunction(fitModel, fit.background(), fitModel.parameterNames().size(), x).values(p));
    }

    @Override
    public Set<String> models() {
        return new TreeSet<>(models.keySet());
    }

    @Override
    public PeakStatistics statistics(Curve curve) {
        try {
            return PeakAnalyzer.analyse(curve);
        } catch (RuntimeException e) {
            logger.warn("Peak statistics failed", e);
            return PeakStatistics.failed(curve.size(), "peak statistics failed: " + e);
        }
    }

    @Override
    public FitResult fit(String model, Background background, Curve curve) {
        FitModel fitModel = model == null ? null : models.get(model);
        if (fitModel == null) {
            return FitResult.failed(String.valueOf(model), background, curve.size(), "unknown model '" + model
                    + "'; available: " + String.join(", ", models()));
        }
        try {
            return CurveFitter.fit(fitModel, background, curve);
        } catch (RuntimeException e) {
            // a plugin's formula may throw: the caller still gets a result saying so
            logger.warn("Fit of {} failed", model, e);
            return FitResult.failed(model, background, curve.size(), model + " fit failed: " + e);
        }
    }
}
