namespace SlaTimers.Helpdesks.Demo;

/// <summary>
/// SplitMix64: a tiny generator whose sequence for a seed is fixed forever (System.Random promises no such
/// thing across runtime versions), so a demo story and its event ids never change under the same seed.
/// </summary>
internal sealed class DemoRandom(int seed)
{
    private ulong _state = unchecked((ulong)seed * 0x2545F4914F6CDD1DUL + 0x9E3779B97F4A7C15UL);

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>0 ≤ result &lt; <paramref name="max"/>.</summary>
    public int Next(int max) => (int)(NextULong() % (ulong)max);

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>One of the values, each as likely as its weight.</summary>
    public T Weighted<T>(params ReadOnlySpan<(T Value, int Weight)> choices)
    {
        var total = 0;
        foreach (var choice in choices) total += choice.Weight;
        var roll = Next(total);
        foreach (var choice in choices)
        {
            if (roll < choice.Weight) return choice.Value;
            roll -= choice.Weight;
        }
        throw new InvalidOperationException("Weights must be positive.");
    }
}
