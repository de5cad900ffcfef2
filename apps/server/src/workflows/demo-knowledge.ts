/**
 * The demo knowledge base: a few short product documents of a made-up coffee roaster, shipped
 * as text so the seeded demo can ground its draft in "the team's own material" offline.
 */
export const DEMO_KNOWLEDGE_BASE_NAME = 'Brightside Coffee (demo)';

export const DEMO_DOCUMENTS: { title: string; text: string }[] = [
  {
    title: 'Cold brew kit',
    text: `# Cold brew kit

## What is in the box
The Brightside cold brew kit holds a 1.5-litre glass carafe, a stainless steel mesh filter and 250 g of our Riverbend coarse-ground blend.

## How to brew
Steep the coffee in cold water for 14 to 18 hours in the fridge, then lift out the filter. The concentrate keeps for ten days in the fridge.
Mix one part concentrate with two parts water or milk. Over ice, use a one-to-one mix.`,
  },
  {
    title: 'Sunrise espresso blend',
    text: `# Sunrise espresso blend

Sunrise is a medium roast of Brazilian and Ethiopian beans with notes of milk chocolate, orange peel and hazelnut.

## Brewing
Use 18 g of coffee for a 36 g double shot in 27 to 30 seconds at 93 °C. Sunrise also works in a moka pot and in an AeroPress.

## Freshness
Every bag is roasted to order in Leipzig and shipped within two days. Beans are best within six weeks of the roast date printed on the bag.`,
  },
  {
    title: 'Sourcing and sustainability',
    text: `# Sourcing and sustainability

Brightside buys green coffee directly from eleven farms in Brazil, Ethiopia and Colombia and pays at least 40 % above the Fairtrade minimum price.

Our bags are home-compostable and the roastery runs on green electricity. Coffee grounds from the café go to a community garden in Leipzig-Plagwitz.`,
  },
  {
    title: 'Brand voice',
    text: `# Brand voice

We sound like a friendly barista: warm, plain and a little playful. Short sentences, no jargon, and no exclamation marks in headlines.

Say "coffee" rather than "beverage". Name the farms and the people when we can. Never promise health benefits.`,
  },
];
