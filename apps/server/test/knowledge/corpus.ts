/**
 * A retrieval benchmark written for this project: 40 short documents of a made-up outdoor-gear
 * shop ("Fjellstad") and 64 questions, each with the document that answers it. Many questions
 * paraphrase rather than quote, so full text alone does not find every one.
 */
export interface CorpusDocument {
  id: string;
  title: string;
  text: string;
}

export const CORPUS: CorpusDocument[] = [
  {
    id: 'tent-ridge2',
    title: 'Ridge 2 tent',
    text: 'The Ridge 2 is a two-person backpacking tent weighing 1.4 kg. Its poles are aluminium and the fly sheet has a 3000 mm hydrostatic head. Pitching takes about four minutes.',
  },
  {
    id: 'tent-basecamp6',
    title: 'Basecamp 6 family tent',
    text: 'Basecamp 6 sleeps six people in two bedrooms with a central living area. It stands 2.1 m tall, so adults can walk upright inside. The groundsheet is sewn in to keep out draughts and insects.',
  },
  {
    id: 'bag-polar',
    title: 'Polar down sleeping bag',
    text: 'The Polar sleeping bag is filled with 800 g of responsibly sourced goose down. Its comfort rating is minus 9 °C and its limit rating minus 16 °C. It packs into a 9-litre compression sack.',
  },
  {
    id: 'bag-summer',
    title: 'Summer synthetic sleeping bag',
    text: 'Our Summer bag uses recycled synthetic insulation that stays warm when damp. It is rated for nights down to 10 °C and can be unzipped fully into a quilt.',
  },
  {
    id: 'mat-airlite',
    title: 'Airlite sleeping mat',
    text: 'The Airlite mat inflates in twelve breaths with the included pump sack. It has an R-value of 4.2 for three-season use and weighs 480 g. A repair kit with six patches is in the box.',
  },
  {
    id: 'stove-flare',
    title: 'Flare gas stove',
    text: 'The Flare stove screws onto standard threaded gas canisters and boils a litre of water in three and a half minutes. A built-in piezo igniter lights it without matches. Keep it out of the tent while burning.',
  },
  {
    id: 'stove-fuel',
    title: 'Choosing stove fuel',
    text: 'Butane-propane mixes work well above freezing. Below minus five degrees, canisters lose pressure: warm them inside your jacket or choose a liquid-fuel stove. Never refill disposable canisters.',
  },
  {
    id: 'boots-tor',
    title: 'Tor hiking boots',
    text: 'Tor boots have a waterproof membrane, a Vibram sole and a leather upper. Break them in over three or four short walks before a long hike. They come in half sizes from 36 to 48.',
  },
  {
    id: 'boots-care',
    title: 'Caring for leather boots',
    text: 'Clean mud off with lukewarm water and a soft brush after every trip. Let boots dry at room temperature, never beside a radiator or fire, because heat cracks leather. Wax them twice a season.',
  },
  {
    id: 'jacket-storm',
    title: 'Storm rain jacket',
    text: 'The Storm jacket is a three-layer shell with taped seams and pit zips for ventilation. Its hood adjusts with one hand and fits over a climbing helmet. It weighs 390 g in size M.',
  },
  {
    id: 'jacket-reproof',
    title: 'Reproofing a waterproof jacket',
    text: 'When water stops beading on the fabric, wash the jacket with a technical cleaner and then tumble dry it on low heat to reactivate the water-repellent finish. Spray-on reproofer helps if that is not enough.',
  },
  {
    id: 'fleece-cloud',
    title: 'Cloud fleece',
    text: 'The Cloud fleece is knitted from 100 % recycled polyester made from plastic bottles. It dries quickly and works as a mid layer under a shell. Wash it inside out in a microfibre-catching bag.',
  },
  {
    id: 'backpack-trail30',
    title: 'Trail 30 daypack',
    text: 'Trail 30 is a 30-litre daypack with a ventilated mesh back panel and a hip belt with two pockets. It has a sleeve for a hydration bladder up to 3 litres and an integrated rain cover in the base.',
  },
  {
    id: 'backpack-fit',
    title: 'Fitting a trekking backpack',
    text: 'Measure your torso from the bony bump at the base of your neck to the top of your hip bones. Tighten the hip belt first so it carries most of the weight, then the shoulder straps, then the load lifters.',
  },
  {
    id: 'poles-carbon',
    title: 'Carbon trekking poles',
    text: 'Our carbon poles fold into three sections and weigh 290 g a pair. Flick locks set the length between 110 and 130 cm. Carbon saves weight but can snap under a sideways load, unlike aluminium, which bends.',
  },
  {
    id: 'headlamp-beam',
    title: 'Beam headlamp',
    text: 'The Beam headlamp gives 400 lumens on high and a red light mode that keeps your night vision. It charges over USB-C in three hours and lasts 40 hours on the lowest setting.',
  },
  {
    id: 'filter-pure',
    title: 'Pure water filter',
    text: 'The Pure squeeze filter removes 99.9999 % of bacteria and protozoa from stream water. It does not remove viruses or chemicals. Backflush it with clean water after each trip and never let it freeze when wet.',
  },
  {
    id: 'kids-carrier',
    title: 'Little Summit child carrier',
    text: 'Little Summit carries children from about nine months, once they can sit up unaided, up to 18 kg. A sun canopy and a kickstand are included, and the seat height adjusts as the child grows.',
  },
  {
    id: 'climbing-harness',
    title: 'Crag climbing harness',
    text: 'The Crag harness has four gear loops and adjustable leg loops for winter layers. Retire a harness after five years of regular use, or at once after a big fall or contact with acid.',
  },
  {
    id: 'ski-wax',
    title: 'Waxing touring skis',
    text: 'Glide wax lasts about five days of touring. Iron it on at the temperature printed on the bar, let it cool for an hour, then scrape and brush towards the tail.',
  },
  {
    id: 'policy-returns',
    title: 'Returns policy',
    text: 'You can return unused items within 60 days of delivery for a full refund. Returns are free within Norway and Sweden; other countries pay return postage. Refunds reach your card within five working days.',
  },
  {
    id: 'policy-warranty',
    title: 'Warranty',
    text: 'All Fjellstad gear has a three-year warranty against manufacturing faults. Normal wear, accidents and modifications are not covered. Keep your order number as proof of purchase.',
  },
  {
    id: 'policy-repair',
    title: 'Repair service',
    text: 'Our workshop in Trondheim repairs zips, seams and tent poles for a flat fee of 200 kroner plus parts. Most repairs are back with you in two weeks. We repair other brands too.',
  },
  {
    id: 'policy-shipping',
    title: 'Shipping',
    text: 'Orders placed before 2 pm ship the same working day from our warehouse in Oslo. Delivery is free above 800 kroner. Express delivery reaches most addresses in Norway the next day.',
  },
  {
    id: 'policy-rental',
    title: 'Gear rental',
    text: 'Tents, sleeping bags and child carriers can be rented by the weekend or the week from our Oslo and Bergen stores. A deposit of 1000 kroner is held on your card until the gear comes back clean.',
  },
  {
    id: 'policy-pricematch',
    title: 'Price promise',
    text: 'If you find the same item cheaper at a Norwegian retailer within 14 days of buying, we refund the difference. Outlet, auction and second-hand prices do not count.',
  },
  {
    id: 'loyalty-club',
    title: 'Fjellstad club',
    text: 'Club members earn one point per krone and get a 250-kroner voucher for every 2500 points. Members also get early access to sales and free hems on trousers.',
  },
  {
    id: 'giftcard',
    title: 'Gift cards',
    text: 'Gift cards are valid for three years and can be used online and in every store. They cannot be exchanged for cash. A lost card can be blocked and reissued if you have the receipt.',
  },
  {
    id: 'store-oslo',
    title: 'Oslo flagship store',
    text: 'The Oslo store is on Grensen 12, open 10 to 20 on weekdays and 10 to 18 on Saturdays. It has a boot-fitting studio and a climbing wall where you can test shoes.',
  },
  {
    id: 'store-bergen',
    title: 'Bergen store',
    text: 'Our Bergen store by the fish market is open every day from 10 to 18. It stocks the full rental range and hosts free map-reading evenings on the first Thursday of each month.',
  },
  {
    id: 'sustain-materials',
    title: 'Materials and sustainability',
    text: 'By 2027, 90 % of our fabrics will be recycled or organic. We stopped using PFC-based water repellents in 2023. Every product page lists the factory that made it.',
  },
  {
    id: 'sustain-takeback',
    title: 'Take-back programme',
    text: 'Bring worn-out Fjellstad clothing to any store and get a 10 % discount on your next purchase. Wearable items are cleaned and resold; the rest is recycled into insulation.',
  },
  {
    id: 'brand-voice',
    title: 'Brand voice',
    text: 'Fjellstad writes like a calm mountain guide: practical, encouraging and never boastful. We avoid superlatives such as best ever and we never mock beginners.',
  },
  {
    id: 'brand-photos',
    title: 'Photography guidelines',
    text: 'Show real people outdoors in real weather, including rain. No staged summit poses with flags. Credit the photographer in every social post and never edit out safety gear.',
  },
  {
    id: 'safety-layering',
    title: 'Layering for cold weather',
    text: 'Wear a wicking base layer, an insulating mid layer and a waterproof shell. Avoid cotton next to the skin: it holds sweat and chills you when you stop.',
  },
  {
    id: 'safety-avalanche',
    title: 'Avalanche safety basics',
    text: 'Carry a transceiver, a shovel and a probe, and practise with them before the season. Check the regional avalanche forecast every morning; at danger level 3 most fatal accidents happen.',
  },
  {
    id: 'safety-ticks',
    title: 'Ticks on the trail',
    text: 'Tuck trousers into socks in long grass and check your skin after every walk. Remove a tick with fine tweezers close to the skin. See a doctor if a red ring appears in the following weeks.',
  },
  {
    id: 'guide-firsthike',
    title: 'Planning your first overnight hike',
    text: 'Choose a route under 15 km with water on the way and a bail-out point. Tell someone your plan and your return time. Test your tent and stove at home first.',
  },
  {
    id: 'guide-campsite',
    title: 'Choosing a campsite',
    text: 'Pitch on flat, durable ground at least 60 metres from lakes and streams. In Norway, the right to roam lets you camp for two nights in one place if you stay 150 metres from houses.',
  },
  {
    id: 'guide-leavenotrace',
    title: 'Leave no trace',
    text: 'Pack out all rubbish, including food scraps and tissues. Use existing fire rings only, and never light fires in forests between 15 April and 15 September.',
  },
];

export interface CorpusQuestion {
  q: string;
  expect: string;
}

export const QUESTIONS: CorpusQuestion[] = [
  { q: 'How heavy is the two-person backpacking tent?', expect: 'tent-ridge2' },
  { q: 'How long does it take to pitch the Ridge 2?', expect: 'tent-ridge2' },
  { q: 'Which tent can a family of six stand up in?', expect: 'tent-basecamp6' },
  { q: 'Does the big family tent keep insects out?', expect: 'tent-basecamp6' },
  { q: 'What temperature is the down sleeping bag comfortable to?', expect: 'bag-polar' },
  { q: 'How much goose down is in the Polar bag?', expect: 'bag-polar' },
  { q: 'Which sleeping bag stays warm when it gets wet?', expect: 'bag-summer' },
  { q: 'Can the summer bag be used as a quilt?', expect: 'bag-summer' },
  { q: 'What is the R-value of the Airlite mat?', expect: 'mat-airlite' },
  { q: 'How do I blow up the sleeping mat?', expect: 'mat-airlite' },
  { q: 'How fast does the Flare stove boil water?', expect: 'stove-flare' },
  { q: 'Do I need matches to light the gas stove?', expect: 'stove-flare' },
  { q: 'Why does my gas canister not work in freezing weather?', expect: 'stove-fuel' },
  { q: 'Can I refill a disposable gas canister?', expect: 'stove-fuel' },
  { q: 'What sizes do the Tor boots come in?', expect: 'boots-tor' },
  { q: 'Should I break in new hiking boots?', expect: 'boots-tor' },
  { q: 'Can I dry wet leather boots next to the fire?', expect: 'boots-care' },
  { q: 'How often should boots be waxed?', expect: 'boots-care' },
  { q: 'Does the Storm jacket hood fit over a helmet?', expect: 'jacket-storm' },
  { q: 'How much does the rain shell weigh?', expect: 'jacket-storm' },
  { q: 'Water no longer beads on my jacket, what should I do?', expect: 'jacket-reproof' },
  { q: 'Should I tumble dry a waterproof jacket?', expect: 'jacket-reproof' },
  { q: 'What is the Cloud fleece made from?', expect: 'fleece-cloud' },
  { q: 'How should I wash a fleece to catch microfibres?', expect: 'fleece-cloud' },
  { q: 'Does the 30 litre daypack have a rain cover?', expect: 'backpack-trail30' },
  { q: 'Will a hydration bladder fit in the Trail 30?', expect: 'backpack-trail30' },
  { q: 'How do I measure my torso length for a backpack?', expect: 'backpack-fit' },
  { q: 'Which strap do I tighten first on a trekking pack?', expect: 'backpack-fit' },
  { q: 'Are carbon poles more fragile than aluminium ones?', expect: 'poles-carbon' },
  { q: 'How short do the trekking poles fold?', expect: 'poles-carbon' },
  { q: 'How bright is the headlamp?', expect: 'headlamp-beam' },
  { q: 'How long does the Beam take to charge?', expect: 'headlamp-beam' },
  { q: 'Does the water filter remove viruses?', expect: 'filter-pure' },
  { q: 'How do I clean the squeeze filter after a trip?', expect: 'filter-pure' },
  { q: 'From what age can a baby ride in the child carrier?', expect: 'kids-carrier' },
  { q: 'What is the weight limit of the Little Summit?', expect: 'kids-carrier' },
  { q: 'When should I replace my climbing harness?', expect: 'climbing-harness' },
  { q: 'How long does glide wax last on touring skis?', expect: 'ski-wax' },
  { q: 'How many days do I have to send something back?', expect: 'policy-returns' },
  { q: 'Are returns free from Denmark?', expect: 'policy-returns' },
  { q: 'How long is the warranty on your gear?', expect: 'policy-warranty' },
  { q: 'Is accidental damage covered by the guarantee?', expect: 'policy-warranty' },
  { q: 'Can you fix a broken zip on my jacket?', expect: 'policy-repair' },
  { q: 'Do you repair gear from other brands?', expect: 'policy-repair' },
  { q: 'When do I have to order for same-day dispatch?', expect: 'policy-shipping' },
  { q: 'Is delivery free?', expect: 'policy-shipping' },
  { q: 'Can I hire a tent for the weekend?', expect: 'policy-rental' },
  { q: 'How big is the rental deposit?', expect: 'policy-rental' },
  {
    q: 'I found the same jacket cheaper elsewhere, do you refund the difference?',
    expect: 'policy-pricematch',
  },
  { q: 'How do club points turn into vouchers?', expect: 'loyalty-club' },
  { q: 'Do gift cards expire?', expect: 'giftcard' },
  { q: 'What are the opening hours in Oslo on Saturday?', expect: 'store-oslo' },
  { q: 'Where can I test climbing shoes?', expect: 'store-oslo' },
  { q: 'When are the map-reading evenings in Bergen?', expect: 'store-bergen' },
  { q: 'Do you still use PFC water repellents?', expect: 'sustain-materials' },
  { q: 'What happens to old clothes I bring back to the store?', expect: 'sustain-takeback' },
  { q: 'What tone should our product copy have?', expect: 'brand-voice' },
  { q: 'May we use staged summit photos with flags?', expect: 'brand-photos' },
  { q: 'Why should I avoid cotton on a cold hike?', expect: 'safety-layering' },
  { q: 'What equipment do I need for avalanche terrain?', expect: 'safety-avalanche' },
  { q: 'How do I remove a tick safely?', expect: 'safety-ticks' },
  { q: 'How long should my first overnight route be?', expect: 'guide-firsthike' },
  { q: 'How far from a lake should I pitch my tent?', expect: 'guide-campsite' },
  { q: 'When are campfires banned in forests?', expect: 'guide-leavenotrace' },
];
