using System.Globalization;

namespace Reconciler.Synthetic;

/// <summary>
/// Customer names (Chinese and English, unique after payer-name normalisation), the bank's spelling of them,
/// payer accounts, sales owners and the non-customer counterparties of unrelated income and debits.
/// </summary>
/// <remarks>
/// A name is a combination of parts from disjoint word lists with fixed-length Chinese parts, so two different
/// combinations never normalise alike; each combination is used once. Counterparties are built from other word
/// lists (logistics, packaging, banks, authorities), so none is ever taken for a customer.
/// </remarks>
internal sealed class NameBook
{
    private static readonly string[] Cities =
    [
        "上海", "北京", "广州", "深圳", "杭州", "南京", "苏州", "成都", "武汉", "西安", "重庆", "天津", "长沙", "郑州",
        "济南", "青岛", "厦门", "福州", "合肥", "昆明", "南昌", "沈阳", "大连", "宁波", "无锡", "佛山", "东莞", "温州",
        "常州", "珠海", "贵阳", "南宁", "太原", "兰州", "海口", "烟台", "绍兴", "嘉兴", "扬州", "徐州",
    ];

    private const string BrandChars = "瑞康华健安泰博恒德美信达盛源宏利景润和正永嘉诚益鑫明新天联同中科睿卓迈凯思普欣友众隆昌丰泽晨星光瀚辰锦航远通汇金祥万兴荣宁";

    private static readonly string[] Industries =
    [
        "医疗器械", "医疗科技", "医药", "生物科技", "医疗设备", "医学检验", "健康科技", "医用材料", "诊断技术", "康复器材",
        "医院管理", "药业",
    ];

    private static readonly string[] HospitalKinds = ["医院", "口腔医院", "妇幼保健院", "眼科医院", "中医医院"];

    private static readonly string[] Ordinals = ["第一", "第二", "第三", "第四", "第五", "第六", "第七", "第八", "第九"];

    private static readonly string[] EnglishBrands =
    [
        "Northwind", "Bluestone", "Evergreen", "Silverline", "Brightwater", "Redwood", "Summit", "Horizon", "Pinecrest",
        "Lakeside", "Oakridge", "Meridian", "Crescent", "Harbor", "Sterling", "Westfield", "Eastgate", "Riverside",
        "Kingsbridge", "Ashford", "Clearview", "Fairmont", "Granite", "Highland", "Ironwood", "Juniper", "Keystone",
        "Liberty", "Maple", "Northgate", "Orchard", "Quantum", "Rosewood", "Seaside", "Trinity", "Unity", "Vanguard",
        "Willow", "Zenith", "Alder", "Beacon", "Cedar", "Dover", "Everest", "Falcon", "Glenwood", "Hawthorn", "Inverness",
        "Jasper", "Kestrel", "Lancaster", "Millbrook", "Newport", "Oxford", "Preston", "Regent", "Sherwood", "Tamarack",
        "Wexford", "Yorkshire",
    ];

    private static readonly string[] EnglishSecond = ["", "Valley", "Bay", "Point", "Park", "Ridge", "Creek", "Hill", "Stone", "Bridge"];

    private static readonly string[] EnglishIndustries =
    [
        "Medical Supplies", "Healthcare", "Diagnostics", "Surgical", "Medical Devices", "Life Sciences",
        "Clinical Solutions", "Hospital Supply", "Biomedical", "Laboratories",
    ];

    private static readonly string[] EnglishRegions = ["", "Asia", "China", "International", "Europe", "Pacific"];

    private static readonly string[] EnglishSuffixes = ["Ltd", "Limited", "Inc.", "Co., Ltd.", "GmbH", "LLC", "Pte. Ltd."];

    private static readonly string[] Surnames =
    [
        "li", "wang", "zhang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu", "xu", "sun", "hu", "zhu", "gao", "lin",
        "he", "guo", "ma", "luo",
    ];

    private static readonly string[] GivenNames =
    [
        "wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang", "yong", "yan", "jie", "tao", "ming",
        "chao", "xiu", "hua", "ping", "gang",
    ];

    private static readonly string[] CnyBanks = ["1001", "3100", "4420", "1211", "6222", "6217", "6228", "3501"];
    private static readonly string[] Ibans = ["DE", "GB", "FR", "NL", "HK"];
    private static readonly string[] SwiftBanks = ["DEUT", "HSBC", "BNPA", "INGB", "SCBL"];

    private static readonly int BrandPairs = BrandChars.Length * (BrandChars.Length - 1);
    private static readonly int Companies = Cities.Length * BrandPairs * Industries.Length;
    private static readonly int BrandHospitals = Cities.Length * BrandPairs * HospitalKinds.Length;
    private static readonly int EnglishCombinations = EnglishBrands.Length * EnglishSecond.Length * EnglishIndustries.Length * EnglishRegions.Length;

    private readonly Random _random;
    private readonly bool[] _chineseUsed = new bool[Companies + BrandHospitals + (Cities.Length * Ordinals.Length)];
    private readonly bool[] _englishUsed = new bool[EnglishCombinations];

    public NameBook(Random random) => _random = random;

    /// <summary>How many customers can get a name.</summary>
    public static int Capacity => Companies + BrandHospitals;

    /// <summary>A new customer name, English or Chinese, and how the bank writes it.</summary>
    public (string Name, string BankName) NextCustomer(bool english)
    {
        if (english)
        {
            for (var attempt = 0; attempt < 12; attempt++)
            {
                var combination = _random.Next(EnglishCombinations);
                if (!_englishUsed[combination])
                {
                    _englishUsed[combination] = true;
                    return English(combination);
                }
            }
        }

        for (var attempt = 0; attempt < 12; attempt++)
        {
            var roll = _random.Next(20);
            var combination = roll == 0
                ? Companies + BrandHospitals + _random.Next(Cities.Length * Ordinals.Length)
                : roll <= 3 ? Companies + _random.Next(BrandHospitals) : _random.Next(Companies);
            if (!_chineseUsed[combination])
            {
                _chineseUsed[combination] = true;
                return Chinese(combination);
            }
        }

        // Nearly full: the next free company name after a random one.
        var from = _random.Next(Companies);
        for (var i = 0; i < _chineseUsed.Length; i++)
        {
            var combination = (from + i) % _chineseUsed.Length;
            if (!_chineseUsed[combination])
            {
                _chineseUsed[combination] = true;
                return Chinese(combination);
            }
        }

        throw new InvalidOperationException("No customer name left; generate fewer receivables or more per customer.");
    }

    /// <summary>A payer account for customer number <paramref name="customer"/>, unique to it.</summary>
    public string Account(int customer, bool foreign)
    {
        var index = customer.ToString("D8", CultureInfo.InvariantCulture);
        if (!foreign)
        {
            return string.Concat(CnyBanks[_random.Next(CnyBanks.Length)], _random.Next(10_000).ToString("D4", CultureInfo.InvariantCulture), index, _random.Next(1_000).ToString("D3", CultureInfo.InvariantCulture));
        }

        var country = _random.Next(Ibans.Length);
        return string.Concat(Ibans[country], (10 + _random.Next(90)).ToString(CultureInfo.InvariantCulture), SwiftBanks[country], index, _random.Next(1_000_000).ToString("D6", CultureInfo.InvariantCulture));
    }

    /// <summary>Distinct sales owners' addresses, like <c>li.wei@example.com</c>.</summary>
    public string[] SalesOwners(int count)
    {
        var all = new string[Surnames.Length * GivenNames.Length];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = string.Concat(Surnames[i / GivenNames.Length], ".", GivenNames[i % GivenNames.Length], "@example.com");
        }

        _random.Shuffle(all);
        return all[..Math.Clamp(count, 1, all.Length)];
    }

    private static (string, string) English(int combination)
    {
        var style = combination / 7 % 4;
        var region = EnglishRegions[combination % EnglishRegions.Length];
        combination /= EnglishRegions.Length;
        var industry = EnglishIndustries[combination % EnglishIndustries.Length];
        combination /= EnglishIndustries.Length;
        var second = EnglishSecond[combination % EnglishSecond.Length];
        var brand = EnglishBrands[combination / EnglishSecond.Length];
        var suffix = EnglishSuffixes[(brand.Length + industry.Length + region.Length) % EnglishSuffixes.Length];
        var stem = string.Join(' ', brand, second, industry).Replace("  ", " ", StringComparison.Ordinal)
            + (region.Length > 0 ? $" ({region})" : "");
        var name = $"{stem} {suffix}";
        var bankName = style switch
        {
            0 => name.ToUpperInvariant(),
            1 => stem,
            2 => FullWidth(name),
            _ => stem.ToUpperInvariant(),
        };
        return (name, bankName);
    }

    private static (string, string) Chinese(int combination)
    {
        if (combination >= Companies + BrandHospitals)
        {
            var n = combination - Companies - BrandHospitals;
            var hospital = $"{Cities[n / Ordinals.Length]}市{Ordinals[n % Ordinals.Length]}人民医院";
            return (hospital, hospital);
        }

        var kinds = combination >= Companies ? HospitalKinds.Length : Industries.Length;
        var local = combination >= Companies ? combination - Companies : combination;
        var kind = local % kinds;
        local /= kinds;
        var pair = local % BrandPairs;
        var city = Cities[local / BrandPairs];
        var first = pair / (BrandChars.Length - 1);
        var second = pair % (BrandChars.Length - 1);
        second += second >= first ? 1 : 0;
        var brand = string.Concat(BrandChars.AsSpan(first, 1), BrandChars.AsSpan(second, 1));
        if (combination >= Companies)
        {
            var clinic = string.Concat(city, brand, HospitalKinds[kind]);
            return (clinic, clinic);
        }

        var industry = Industries[kind];
        return (pair % 5) switch
        {
            0 => ($"{brand}{industry}（{city}）有限公司", $"{brand}{industry}({city})有限公司"),
            1 => ($"{city}{brand}{industry}股份有限公司", $"{city}{brand}{industry}"),
            _ => ($"{city}{brand}{industry}有限公司", $"{city}{brand}{industry}"),
        };
    }

    /// <summary>ASCII turned into its full-width form (<c>Ａ</c>, <c>１</c>, ideographic space), as some banks print.</summary>
    public static string FullWidth(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c == ' ' ? '\u3000' : c is > ' ' and <= '~' ? (char)(c + 0xFEE0) : c;
        }
    });
}
