namespace RagPlatform.Bench.Tuning;

/// <summary>Logistic regression fitted by Newton's method (iteratively reweighted least squares), with a small ridge.</summary>
public static class LogisticRegression
{
    /// <param name="rows">Feature rows without the intercept.</param>
    /// <returns>The intercept followed by one coefficient per feature.</returns>
    public static double[] Fit(IReadOnlyList<double[]> rows, IReadOnlyList<bool> labels, double ridge = 1e-3, int iterations = 50)
    {
        var p = rows[0].Length + 1;
        var beta = new double[p];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var gradient = new double[p];
            var hessian = new double[p, p];
            for (var r = 0; r < rows.Count; r++)
            {
                var x = WithIntercept(rows[r]);
                var probability = Probability(beta, x);
                var weight = probability * (1 - probability);
                for (var i = 0; i < p; i++)
                {
                    gradient[i] += ((labels[r] ? 1 : 0) - probability) * x[i];
                    for (var j = 0; j < p; j++)
                    {
                        hessian[i, j] += weight * x[i] * x[j];
                    }
                }
            }

            for (var i = 1; i < p; i++)
            {
                gradient[i] -= ridge * beta[i];
                hessian[i, i] += ridge;
            }

            var step = Solve(hessian, gradient);
            var largest = 0.0;
            for (var i = 0; i < p; i++)
            {
                beta[i] += step[i];
                largest = Math.Max(largest, Math.Abs(step[i]));
            }

            if (largest < 1e-8)
            {
                break;
            }
        }

        return beta;
    }

    public static double Probability(double[] beta, double[] x)
    {
        var logit = 0.0;
        for (var i = 0; i < beta.Length; i++)
        {
            logit += beta[i] * x[i];
        }

        return 1 / (1 + Math.Exp(-logit));
    }

    public static double[] WithIntercept(double[] row) => [1, .. row];

    /// <summary>Gaussian elimination with partial pivoting; the matrix is small (one row per feature).</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var v = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = row;
                }
            }

            for (var k = 0; k < n; k++)
            {
                (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
            }

            (v[col], v[pivot]) = (v[pivot], v[col]);
            for (var row = col + 1; row < n; row++)
            {
                var factor = m[row, col] / m[col, col];
                for (var k = col; k < n; k++)
                {
                    m[row, k] -= factor * m[col, k];
                }

                v[row] -= factor * v[col];
            }
        }

        var x = new double[n];
        for (var row = n - 1; row >= 0; row--)
        {
            var sum = v[row];
            for (var k = row + 1; k < n; k++)
            {
                sum -= m[row, k] * x[k];
            }

            x[row] = sum / m[row, row];
        }

        return x;
    }
}
