using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace SlaTimers.Core.Calendars;

/// <summary>
/// The open intervals of one local calendar year as sorted, disjoint, non-adjacent instants (Unix ticks),
/// clipped to [<see cref="Start"/>, <see cref="End"/>), with the business time before each interval.
/// Every question becomes one or two binary searches, so no query ever steps through time.
/// </summary>
internal sealed class YearTimeline
{
    private readonly long[] _opens;
    private readonly long[] _closes;
    private readonly long[] _before; // business ticks in this year before interval i

    // Equal-width buckets narrow each binary search to the few intervals of one bucket: a branchy search
    // over a whole year (~500 intervals) was most of a deadline's cost. _closeBucket[b] is the first
    // interval closing after the start of time bucket b; _positionBucket[b] the last interval whose
    // business time starts at or before business-time bucket b. Both have one extra entry as a bound.
    private readonly int[] _closeBucket;
    private readonly int[] _positionBucket;
    private readonly long _timeBucketWidth;
    private readonly long _positionBucketWidth;

    public YearTimeline(int year, long start, long end, long[] opens, long[] closes, ImmutableArray<CalendarDay> days)
    {
        Year = year;
        Start = start;
        End = end;
        _opens = opens;
        _closes = closes;
        _before = new long[opens.Length];
        long total = 0;
        for (var i = 0; i < opens.Length; i++)
        {
            _before[i] = total;
            total += closes[i] - opens[i];
        }
        Total = total;
        Days = days;

        var buckets = Math.Max(1, opens.Length * 2);
        _timeBucketWidth = Math.Max(1, (end - start + buckets - 1) / buckets);
        _closeBucket = new int[buckets + 1];
        for (int b = 0, i = 0; b <= buckets; b++)
        {
            var bucketStart = start + b * _timeBucketWidth;
            while (i < closes.Length && closes[i] <= bucketStart) i++;
            _closeBucket[b] = i;
        }
        _positionBucketWidth = Math.Max(1, (total + buckets - 1) / buckets);
        _positionBucket = new int[buckets + 1];
        for (int b = 0, i = 0; b <= buckets; b++)
        {
            var bucketStart = b * _positionBucketWidth;
            while (i + 1 < _before.Length && _before[i + 1] <= bucketStart) i++;
            _positionBucket[b] = i;
        }
    }

    public int Year { get; }

    /// <summary>Local midnight of January 1st, as Unix ticks.</summary>
    public long Start { get; }

    /// <summary>Local midnight of the next January 1st, as Unix ticks.</summary>
    public long End { get; }

    /// <summary>Business ticks in the whole year.</summary>
    public long Total { get; }

    public int Count => _opens.Length;

    /// <summary>This year's holidays, closures and changed hours, by date.</summary>
    public ImmutableArray<CalendarDay> Days { get; }

    public long OpenAt(int index) => _opens[index];

    public long CloseAt(int index) => _closes[index];

    /// <summary>Index of the first interval that closes after <paramref name="ticks"/>, or <see cref="Count"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FirstClosingAfter(long ticks)
    {
        var bucket = Math.Clamp((ticks - Start) / _timeBucketWidth, 0, _closeBucket.Length - 2);
        int lo = _closeBucket[bucket], hi = _closeBucket[bucket + 1];
        if (ticks < Start + bucket * _timeBucketWidth) lo = 0;      // before the year: search it all
        if (ticks >= Start + (bucket + 1) * _timeBucketWidth) hi = _closes.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_closes[mid] <= ticks) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>Business ticks in [<see cref="Start"/>, <paramref name="ticks"/>).</summary>
    public long PositionOf(long ticks)
    {
        var i = FirstClosingAfter(ticks);
        if (i == _closes.Length) return Total;
        var open = _opens[i];
        return open <= ticks ? _before[i] + (ticks - open) : _before[i];
    }

    /// <summary>
    /// The instant at which <paramref name="position"/> business ticks of the year have been used
    /// (0 ≤ position &lt; <see cref="Total"/>). A position that lands exactly on a closing belongs to the
    /// next opening: that is the latest instant at which the budget is still not exceeded.
    /// </summary>
    public long InstantAt(long position)
    {
        var bucket = Math.Clamp(position / _positionBucketWidth, 0, _positionBucket.Length - 2);
        int lo = _positionBucket[bucket], hi = _positionBucket[bucket + 1]; // last index with _before[i] <= position
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (_before[mid] <= position) lo = mid; else hi = mid - 1;
        }
        return _opens[lo] + (position - _before[lo]);
    }

    public bool IsOpen(long ticks)
    {
        var i = FirstClosingAfter(ticks);
        return i < _closes.Length && _opens[i] <= ticks;
    }
}
