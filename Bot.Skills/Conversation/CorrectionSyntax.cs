using System.Text.RegularExpressions;

namespace Bot.Skills.Conversation;

/// <summary>The field a correction names, when it names one.</summary>
public enum CorrectionField
{
    Unnamed,
    Date,
    Place,
    Action,
    People,
}

/// <summary>What a correction does with its value.</summary>
public enum CorrectionOperation
{
    /// <summary>The value replaces the old one (a restated field or counter, 是X不是Y, X改成Y, 应为X).</summary>
    Set,
    Add,
    Remove,
}

/// <summary>
/// One correction as written: the field it names (if any), the operation, the new value, the old value when it states
/// one (是X不是Y, Y改成X), and the label before the value (走访企业数改为6家 → label 走访企业).
/// </summary>
public sealed record CorrectionForm(CorrectionField Field, CorrectionOperation Operation, string Value, string? Old, string Label)
{
    /// <summary>The label and the value as one phrase (走访企业 + 6家 → 走访企业6家), for the counter parser.</summary>
    public string Phrase => Label + Value;
}

/// <summary>Reads the body of a correction (after 更正： and the report number) into a <see cref="CorrectionForm"/>.</summary>
public static partial class CorrectionSyntax
{
    public static CorrectionForm Parse(string body)
    {
        var t = body.Trim(' ', '。', '，', ',', '；', ';');

        var add = AddHead().Match(t);
        if (add.Success)
        {
            var (field, value) = Labelled(add.Groups["x"].Value);
            return new(field, CorrectionOperation.Add, value, null, "");
        }

        var remove = RemoveHead().Match(t);
        if (remove.Success)
        {
            var (field, value) = Labelled(remove.Groups["x"].Value);
            return new(field, CorrectionOperation.Remove, value, null, "");
        }

        var notThen = NotYButX().Match(t);
        if (notThen.Success)
        {
            return Pair(notThen.Groups["label"].Value, notThen.Groups["x"].Value, notThen.Groups["y"].Value);
        }

        var isNot = XNotY().Match(t);
        if (isNot.Success)
        {
            return Pair(isNot.Groups["label"].Value, isNot.Groups["x"].Value, isNot.Groups["y"].Value);
        }

        var basis = AsBasis().Match(t);
        if (basis.Success)
        {
            var (field, value) = Labelled(basis.Groups["x"].Value);
            return new(field, CorrectionOperation.Set, value, null, "");
        }

        var change = Change().Match(t);
        if (change.Success)
        {
            var before = change.Groups["a"].Value.Trim(' ', '，', ',', '的');
            var value = change.Groups["b"].Value.Trim();
            var (field, rest) = Labelled(before);
            if (field != CorrectionField.Unnamed)
            {
                // 地点改为平东街道; 日期由5月12日改为5月17日
                return new(field, CorrectionOperation.Set, value, NullIfEmpty(FromPrefix().Replace(rest, "")), "");
            }

            // 走访企业数改为6家 (a label) or 1天改成2天 (an old value); the caller tries both.
            var label = CountNoun().Replace(before, "");
            return new(CorrectionField.Unnamed, CorrectionOperation.Set, value, NullIfEmpty(before), label);
        }

        var restated = Labelled(t);
        return new(restated.Field, CorrectionOperation.Set, restated.Value, null, "");
    }

    private static CorrectionForm Pair(string label, string x, string y)
    {
        var (field, _) = Labelled(label + "是");
        return new(field, CorrectionOperation.Set, x.Trim(), y.Trim(), field == CorrectionField.Unnamed ? label.Trim(' ', '，', ',', '的') : "");
    }

    /// <summary>“日期是5月17日” → (Date, 5月17日); “平东街道” → (Unnamed, 平东街道).</summary>
    private static (CorrectionField Field, string Value) Labelled(string text)
    {
        var m = FieldLabel().Match(text);
        if (!m.Success)
        {
            return (CorrectionField.Unnamed, text.Trim());
        }

        var label = m.Groups["label"].Value;
        var field = label switch
        {
            "日期" or "时间" or "工作日期" or "调研日期" => CorrectionField.Date,
            "地点" or "地方" or "调研地点" or "走访地点" => CorrectionField.Place,
            "行动" or "所属行动" or "对应行动" => CorrectionField.Action,
            _ => CorrectionField.People,
        };
        return (field, text[m.Length..].Trim(' ', '：', ':', '，', ','));
    }

    private static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    [GeneratedRegex(@"^(?<label>工作日期|调研日期|日期|时间|调研地点|走访地点|地点|地方|所属行动|对应行动|行动|参加人员|参与人员|人员)(?:应该是|应为|是|为|改为|改成|[：:])?")]
    private static partial Regex FieldLabel();

    [GeneratedRegex(@"^(?:加上|加入|增加|添加|补充|补上|补个|还有|新增|另外还?(?:去了|到了)?|还(?:去了|到了|走了))(?<x>.+)$")]
    private static partial Regex AddHead();

    [GeneratedRegex(@"^(?:去掉|删除|删掉|删去|去除|移除|减去|拿掉)(?<x>.+)$")]
    private static partial Regex RemoveHead();

    [GeneratedRegex(@"^(?<label>[^，,]*?)不是(?<y>[^，,；;]+?)[，,]?\s*(?:而)?(?:是|应为|应该是)(?<x>.+)$")]
    private static partial Regex NotYButX();

    [GeneratedRegex(@"^(?<label>[^，,]*?)(?:应该是|应为|是)(?<x>[^，,；;]+?)[，,]?\s*(?:而)?不是(?<y>.+)$")]
    private static partial Regex XNotY();

    [GeneratedRegex(@"^以(?<x>.+?)为准$")]
    private static partial Regex AsBasis();

    [GeneratedRegex(@"^(?<a>.*?)(?:更正为|修改为|改为|改成|应该是|应为|应是)(?<b>.+)$")]
    private static partial Regex Change();

    [GeneratedRegex(@"^(?:由|从)")]
    private static partial Regex FromPrefix();

    [GeneratedRegex(@"(?:的)?(?:数量|数目|数|的)$")]
    private static partial Regex CountNoun();
}
