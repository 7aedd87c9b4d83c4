using System.Globalization;
using System.Text;
using Dapper;

namespace Bot.Data.Common;

/// <summary>The VALUES rows of a multi-row statement, each value a parameter (issue 18's grouped writes).</summary>
internal static class MultiRowValues
{
    /// <summary>
    /// Adds the values of row <paramref name="row"/> as parameters <c>v{row}_{column}</c> and returns its tuple
    /// <c>(@v0_0, @v0_1, …)</c>, in the order of <paramref name="values"/>.
    /// </summary>
    public static string Add(DynamicParameters parameters, int row, params object?[] values)
    {
        var tuple = new StringBuilder("(");
        for (var column = 0; column < values.Length; column++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"v{row}_{column}");
            parameters.Add(name, values[column]);
            tuple.Append(column == 0 ? "@" : ", @").Append(name);
        }

        return tuple.Append(')').ToString();
    }
}
