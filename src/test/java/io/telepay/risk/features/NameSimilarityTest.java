package io.telepay.risk.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameSimilarityTest {

    @Test
    void theSameNameInAnyOrderOrCaseIsSimilar() {
        assertThat(NameSimilarity.of("LIN CHIH LING", "Lin Chih-Ling")).isEqualTo(1.0);
        assertThat(NameSimilarity.of("CHIH LING LIN", "Lin Chih Ling")).isGreaterThan(0.6);
        assertThat(NameSimilarity.of("林志玲", "林志玲")).isEqualTo(1.0);
        assertThat(NameSimilarity.of("José Müller", "JOSE MULLER")).isEqualTo(1.0);
    }

    @Test
    void anotherPersonsNameIsUnlike() {
        assertThat(NameSimilarity.of("WANG DA MING", "Lin Chih Ling")).isLessThan(0.3);
        assertThat(NameSimilarity.of("王大明", "林志玲")).isLessThan(0.3);
    }

    @Test
    void namesInDifferentScriptsOrMissingAreNotCompared() {
        assertThat(NameSimilarity.of("LIN CHIH LING", "林志玲")).isNaN();
        assertThat(NameSimilarity.of(null, "林志玲")).isNaN();
        assertThat(NameSimilarity.of(" ", "Lin")).isNaN();
    }
}
