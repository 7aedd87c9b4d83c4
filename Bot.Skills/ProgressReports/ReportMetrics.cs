using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Bot.Skills.ProgressReports;

/// <summary>
/// An immutable, ordered map of canonical metric key → value (investment in 亿元). Enumerates in canonical order.
/// Built with <see cref="Builder"/>; one small array per record.
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Named after the record's `metrics` field.")]
public sealed class ReportMetrics : IReadOnlyDictionary<string, double>
{
    private readonly double[]? _values;

    private ReportMetrics(double[]? values, int count)
    {
        _values = values;
        Count = count;
    }

    public static ReportMetrics Empty { get; } = new(null, 0);

    public int Count { get; }

    public double this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var pair in this)
            {
                yield return pair.Key;
            }
        }
    }

    public IEnumerable<double> Values
    {
        get
        {
            foreach (var pair in this)
            {
                yield return pair.Value;
            }
        }
    }

    /// <summary>Creates metrics from pairs; keys that are not canonical are ignored.</summary>
    public static ReportMetrics From(IEnumerable<KeyValuePair<string, double>> pairs)
    {
        var builder = new Builder();
        foreach (var (key, value) in pairs)
        {
            var index = MetricKeys.IndexOf(key);
            if (index >= 0)
            {
                builder.Set(index, value);
            }
        }

        return builder.Build();
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        var index = MetricKeys.IndexOf(key);
        if (index >= 0 && _values is not null && !double.IsNaN(_values[index]))
        {
            value = _values[index];
            return true;
        }

        value = 0;
        return false;
    }

    public Enumerator GetEnumerator() => new(_values);

    IEnumerator<KeyValuePair<string, double>> IEnumerable<KeyValuePair<string, double>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString()
    {
        var parts = new List<string>();
        foreach (var (k, v) in this)
        {
            parts.Add(k + "=" + v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return "{" + string.Join(", ", parts) + "}";
    }

    /// <summary>Enumerates the present keys in canonical order without allocating.</summary>
    public struct Enumerator : IEnumerator<KeyValuePair<string, double>>
    {
        private readonly double[]? _values;
        private int _index;

        internal Enumerator(double[]? values)
        {
            _values = values;
            _index = -1;
        }

        public readonly KeyValuePair<string, double> Current => new(MetricKeys.All[_index], _values![_index]);

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (_values is null)
            {
                return false;
            }

            while (++_index < _values.Length)
            {
                if (!double.IsNaN(_values[_index]))
                {
                    return true;
                }
            }

            return false;
        }

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }

    /// <summary>Collects values by key index; the first value set for a key wins unless overwritten explicitly.</summary>
    public struct Builder
    {
        private double[]? _values;
        private int _count;

        public readonly bool Has(int index) => _values is not null && !double.IsNaN(_values[index]);

        public readonly double Get(int index) => Has(index) ? _values![index] : double.NaN;

        public readonly bool IsEmpty => _count == 0;

        /// <summary>Sets the value when the key has none yet.</summary>
        public void TryAdd(int index, double value)
        {
            if (!Has(index))
            {
                Set(index, value);
            }
        }

        public void Set(int index, double value)
        {
            if (_values is null)
            {
                _values = new double[MetricKeys.All.Count];
                Array.Fill(_values, double.NaN);
            }

            if (double.IsNaN(_values[index]))
            {
                _count++;
            }

            _values[index] = value;
        }

        public readonly ReportMetrics Build() => _count == 0 ? Empty : new ReportMetrics(_values, _count);
    }
}
