package lab.reptile.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cholesky solves of symmetric positive definite systems, as the one-step floor's normal equations need. */
class SpdSolveTest {
    @Test
    void solvesARandomPositiveDefiniteSystem() {
        Random rng = new Random(2);
        int n = 12;
        double[][] r = new double[n][n];
        double[][] b = new double[n][3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                r[i][j] = rng.nextGaussian();
            }
            for (int j = 0; j < 3; j++) {
                b[i][j] = rng.nextGaussian();
            }
        }
        double[][] a = new double[n][n]; // Rᵀ R + I
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += r[k][i] * r[k][j];
                }
            }
            a[i][i] += 1;
        }
        double[][] x = SpdSolve.solve(a, b);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                double ax = 0;
                for (int k = 0; k < n; k++) {
                    ax += a[i][k] * x[k][j];
                }
                assertEquals(b[i][j], ax, 1e-8);
            }
        }
    }

    @Test
    void refusesAMatrixThatIsNotPositiveDefinite() {
        double[][] a = {{1, 2}, {2, 1}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpdSolve.solve(a, new double[][] {{1}, {1}}));
        assertEquals("matrix is not positive definite at row 1", e.getMessage());
    }
}
