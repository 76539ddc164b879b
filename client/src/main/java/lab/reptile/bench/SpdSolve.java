package lab.reptile.bench;

/** Solves A X = B for a symmetric positive definite A by Cholesky, after adding a ridge of 1e-10 · mean diagonal. */
final class SpdSolve {
    static final double RIDGE = 1e-10;

    private SpdSolve() {
    }

    /** X with A X = B (A [n][n], B [n][m]); A's ridge keeps near-collinear bases solvable. Inputs are not changed. */
    static double[][] solve(double[][] a, double[][] b) {
        int n = a.length;
        double ridge = 0;
        for (int i = 0; i < n; i++) {
            ridge += a[i][i];
        }
        ridge *= RIDGE / n;
        double[][] l = new double[n][n]; // A + ridge·I = L Lᵀ
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j] + (i == j ? ridge : 0);
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new IllegalArgumentException("matrix is not positive definite at row " + i);
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        int m = b[0].length;
        double[][] x = new double[n][m];
        for (int col = 0; col < m; col++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) { // L y = b
                double sum = b[i][col];
                for (int k = 0; k < i; k++) {
                    sum -= l[i][k] * y[k];
                }
                y[i] = sum / l[i][i];
            }
            for (int i = n - 1; i >= 0; i--) { // Lᵀ x = y
                double sum = y[i];
                for (int k = i + 1; k < n; k++) {
                    sum -= l[k][i] * x[k][col];
                }
                x[i][col] = sum / l[i][i];
            }
        }
        return x;
    }
}
