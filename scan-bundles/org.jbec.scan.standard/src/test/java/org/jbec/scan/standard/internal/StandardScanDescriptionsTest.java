package org.jbec.scan.standard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jbec.scan.api.ScanDescription;
import org.jbec.scan.api.ScanParameter;
import org.junit.jupiter.api.Test;

class StandardScanDescriptionsTest {

    @Test
    void everyScanOfBecsCatalogueIsDescribed() {
        Set<String> names = StandardScanDescriptions.all().stream().map(ScanDescription::name).collect(Collectors.toSet());
        assertEquals(Set.of("line_scan", "grid_scan", "log_scan", "list_scan", "fermat_scan", "round_scan",
                "round_roi_scan", "hexagonal_scan", "multi_region_line_scan", "multi_region_grid_scan", "time_scan",
                "acquire", "cont_line_scan", "line_sweep_scan", "mv", "umv", "device_rpc"), names);
    }

    @Test
    void descriptionsSurviveTheirWireForm() {
        for (ScanDescription d : StandardScanDescriptions.all()) {
            assertEquals(d, ScanDescription.fromResource(d.name(), d.toResource()), d.name());
        }
    }

    @Test
    void relativeHasNoDefaultWhereverItExists() {
        for (ScanDescription d : StandardScanDescriptions.all()) {
            d.signature().stream().filter(p -> p.name().equals("relative"))
                    .forEach(p -> assertTrue(!p.hasDefault(), d.name()));
        }
    }

    @Test
    void lineScanIsPublishedAsBecPublishesIt() {
        ScanDescription line = StandardScanDescriptions.all().stream().filter(d -> d.name().equals("line_scan"))
                .findFirst().orElseThrow();
        Map<String, Object> wire = line.toResource();
        assertEquals(Map.of("device", "DeviceBase", "start", "float", "stop", "float"), wire.get("arg_input"));
        assertEquals(3, ((Map<?, ?>) wire.get("arg_bundle_size")).get("bundle"));
        assertEquals(1, ((Map<?, ?>) wire.get("arg_bundle_size")).get("min"));
        assertEquals(List.of("steps", "relative"), wire.get("required_kwargs"));
        Map<?, ?> steps = ((List<?>) wire.get("signature")).stream().map(Map.class::cast)
                .filter(p -> p.get("name").equals("steps")).findFirst().orElseThrow();
        assertEquals(ScanParameter.NO_DEFAULT, steps.get("default"));
        assertEquals("KEYWORD_ONLY", steps.get("kind"));
        assertEquals(0.0, ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) steps.get("annotation")).get("Annotated"))
                .get("metadata")).get("ScanArgument")).get("gt"));
    }
}
