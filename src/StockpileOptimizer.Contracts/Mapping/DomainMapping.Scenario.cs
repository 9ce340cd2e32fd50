using StockpileOptimizer.Domain;
using V1 = StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Contracts.Mapping;

public static partial class DomainMapping
{
    /// <summary>Domain → proto for one scenario (an instance's, GenerateScenarios' answer, what an evaluation takes).</summary>
    public static V1.Scenario ToProto(Scenario s)
    {
        var proto = new V1.Scenario { Id = s.Id, Name = s.Name, Probability = s.Probability, DemandScale = s.DemandScale };
        foreach (var e in s.Events)
        {
            var ev = new V1.SupplyEvent
            {
                Kind = e.Kind,
                Source = e.Source,
                FromPeriod = e.FromPeriod,
                ToPeriod = e.ToPeriod,
                Availability = e.Availability,
                PriceMultiplier = e.PriceMultiplier,
            };
            ev.Materials.Add(e.Materials);
            ev.Groups.Add(e.Groups);
            proto.Events.Add(ev);
        }
        foreach (var e in s.TariffEvents)
        {
            var ev = new V1.TariffEvent
            {
                FromCountry = e.From, ToCountry = e.To, FromPeriod = e.FromPeriod, ToPeriod = e.ToPeriod, Tariff = e.Tariff,
            };
            ev.Materials.Add(e.Materials);
            ev.Groups.Add(e.Groups);
            proto.TariffEvents.Add(ev);
        }
        return proto;
    }

    /// <summary>Proto → domain for one scenario (an instance's, GenerateScenarios, an analysis): unset wrappers take the instance file's defaults.</summary>
    public static Scenario ToDomain(V1.Scenario s)
    {
        var eventDefaults = new SupplyEvent();
        return new Scenario
        {
            Id = s.Id,
            Name = s.Name,
            Probability = s.Probability,
            DemandScale = s.DemandScale ?? new Scenario().DemandScale,
            Events = [.. s.Events.Select(e => new SupplyEvent
            {
                Kind = e.Kind ?? eventDefaults.Kind,
                Source = e.Source,
                Materials = [.. e.Materials],
                Groups = [.. e.Groups],
                FromPeriod = e.FromPeriod,
                ToPeriod = e.ToPeriod,
                Availability = e.Availability ?? eventDefaults.Availability,
                PriceMultiplier = e.PriceMultiplier ?? eventDefaults.PriceMultiplier,
            })],
            TariffEvents = [.. s.TariffEvents.Select(e => new TariffEvent
            {
                From = e.FromCountry,
                To = e.ToCountry,
                Materials = [.. e.Materials],
                Groups = [.. e.Groups],
                FromPeriod = e.FromPeriod,
                ToPeriod = e.ToPeriod,
                Tariff = e.Tariff,
            })],
        };
    }
}
