package org.jbec.beamline.demo.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceException;
import org.junit.jupiter.api.Test;

class PseudoMotorsTest {

    private static DeviceContext context(String name, Map<String, Object> config) {
        return (DeviceContext) Proxy.newProxyInstance(PseudoMotorsTest.class.getClassLoader(),
                new Class<?>[] {DeviceContext.class}, (p, m, a) -> switch (m.getName()) {
                    case "name" -> name;
                    case "deviceConfig" -> config;
                    case "device" -> Optional.empty();
                    default -> null;
                });
    }

    @Test
    void aGapMoveKeepsTheCentreAndACentreMoveKeepsTheGap() {
        SlitAxis gap = new SlitAxis(context("gap", Map.of("axis", "gap", "left", "bl", "right", "br")));
        SlitAxis centre = new SlitAxis(context("centre", Map.of("axis", "centre", "left", "bl", "right", "br")));
        double[] blades = {-1, 3}; // gap 4, centre 1
        assertEquals(4, gap.forward(blades), 1e-12);
        assertEquals(1, centre.forward(blades), 1e-12);
        assertArrayEquals(new double[] {0, 2}, gap.inverse(2, blades), 1e-12);
        assertArrayEquals(new double[] {-2, 2}, centre.inverse(0, blades), 1e-12);
    }

    @Test
    void monoEnergyAndBraggAngleAreInverse() {
        MonoEnergy mono = new MonoEnergy(context("mono", Map.of("theta", "th")));
        double theta = mono.inverse(8.0, new double[] {0})[0];
        assertEquals(14.3078, theta, 1e-3); // Si(111) at 8 keV: λ = 1.5498 Å, sin θ = λ / 2d
        assertEquals(8.0, mono.forward(new double[] {theta}), 1e-9);
        DeviceException e = assertThrows(DeviceException.class, () -> mono.inverse(1.0, new double[] {0}));
        assertTrue(e.getMessage().contains("below the crystal's range"), e.getMessage());
    }

    @Test
    void configProblemsAreNamed() {
        assertTrue(new DemoDeviceFactories.Slits().check(Map.of("axis", "width", "left", "a", "right", "b")).get(0)
                .contains("axis: 'width' is not one of gap, centre"));
        assertTrue(new DemoDeviceFactories.Mono().check(Map.of()).get(0).contains("deviceConfig.theta: required"));
    }
}
