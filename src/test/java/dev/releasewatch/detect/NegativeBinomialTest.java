package dev.releasewatch.detect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NegativeBinomialTest {

    @Test
    void approachesPoissonForTinyDispersion() {
        NegativeBinomial nb = new NegativeBinomial(10, 1e-7);
        assertThat(nb.log10LowerTail(0)).isCloseTo(-10 / Math.log(10), within(1e-4));
        // P(X <= 2 | Poisson 10) = e^-10 (1 + 10 + 50)
        assertThat(nb.log10LowerTail(2)).isCloseTo(Math.log10(61 * Math.exp(-10)), within(1e-4));
    }

    @Test
    void overDispersionWidensTheTails() {
        assertThat(new NegativeBinomial(400, 0.05).score(300)).isLessThan(new NegativeBinomial(400, 0.001).score(300));
        // zero from 25 expected with phi = 0.5: (1 + 12.5)^-2
        assertThat(new NegativeBinomial(25, 0.5).log10LowerTail(0)).isCloseTo(-2 * Math.log10(13.5), within(1e-9));
    }

    @Test
    void collapseOfABigFeedStaysFinite() {
        double score = new NegativeBinomial(1950, 0.01).score(168);
        assertThat(score).isGreaterThan(20).isFinite();
        assertThat(new NegativeBinomial(100, 0.01).score(250)).isGreaterThan(10);
        assertThat(new NegativeBinomial(100, 0.01).score(100)).isZero();
    }
}
