namespace SlaTimers.Configuration.Json;

/// <summary>
/// Finds the name an admin most likely meant. Typos in property names (<c>weeek</c>, <c>timezone</c>,
/// <c>mon</c>) are the most common configuration error, and "did you mean" fixes them in one look.
/// </summary>
internal static class NameSuggestions
{
    /// <summary>
    /// The known name that differs only in case, that starts with <paramref name="unknown"/> (an abbreviation),
    /// or that is one or two edits away; null when none is close enough to be a helpful guess.
    /// </summary>
    public static string? Closest(string unknown, IEnumerable<string> known)
    {
        var candidates = known.ToList();
        var sameIgnoringCase = candidates.FirstOrDefault(k => string.Equals(k, unknown, StringComparison.OrdinalIgnoreCase));
        if (sameIgnoringCase is not null) return sameIgnoringCase;

        if (unknown.Length >= 2)
        {
            var abbreviated = candidates.Where(k => k.StartsWith(unknown, StringComparison.OrdinalIgnoreCase)).ToList();
            if (abbreviated.Count == 1) return abbreviated[0];
        }

        // Short words tolerate one typo, longer ones two; more would suggest unrelated names.
        var allowed = unknown.Length <= 4 ? 1 : 2;
        return candidates
            .Select(k => (Name: k, Distance: EditDistance(unknown.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(x => x.Distance <= allowed)
            .OrderBy(x => x.Distance)
            .Select(x => x.Name)
            .FirstOrDefault();
    }

    /// <summary><c>" (did you mean 'week'?)"</c>, or nothing when no name is close.</summary>
    public static string DidYouMean(string unknown, IEnumerable<string> known) =>
        Closest(unknown, known) is { } guess ? $" (did you mean '{guess}'?)" : "";

    /// <summary>Edit distance where swapping two neighbouring letters counts as one edit (<c>nmae</c> → <c>name</c>).</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
