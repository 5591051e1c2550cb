#include "SimNames.h"

#include <array>

namespace hb::sim {

namespace {

// Common Indonesian first names, women's and men's mixed.
constexpr std::array kMitraNames{
    "Sari",  "Dewi",  "Rina",  "Putri", "Wulan",  "Intan",  "Fitri", "Tari",  "Maya",    "Nadia",
    "Indah", "Ratna", "Yuni",  "Citra", "Anisa",  "Dian",   "Siti",  "Wati",  "Kartika", "Nur",
    "Budi",  "Agus",  "Rizky", "Dimas", "Fajar",  "Hendra", "Bayu",  "Eko",   "Yoga",    "Adi",
    "Rudi",  "Teguh", "Arief", "Bagus", "Gilang", "Wahyu",  "Joko",  "Surya", "Irfan",   "Taufik",
};

constexpr std::array kCustomerNames{
    "Andi",  "Bima",  "Cahya", "Dodi",  "Eka",   "Fani",   "Gita",  "Hani",     "Ilham",  "Joni",
    "Kiki",  "Lina",  "Mira",  "Nanda", "Oki",   "Pandu",  "Rani",  "Sinta",    "Tono",   "Umi",
    "Vina",  "Wira",  "Yudi",  "Zahra", "Arya",  "Bella",  "Dinda", "Erlangga", "Farhan", "Galih",
    "Hesti", "Ika",   "Jihan", "Kevin", "Laras", "Melati", "Novi",  "Okta",     "Prita",  "Raka",
    "Salsa", "Tiara", "Utami", "Vira",  "Winda", "Yusuf",  "Zaki",  "Bunga",
};

template <std::size_t N> QString pick(const std::array<const char *, N> &names, int index)
{
    const int i = index < 0 ? 0 : index;
    const QString name = QString::fromLatin1(names[std::size_t(i) % N]);
    const int round = i / int(N);
    return round == 0 ? name : name + QLatin1Char(' ') + QString::number(round + 1);
}

} // namespace

QString mitraDisplayName(int index)
{
    return pick(kMitraNames, index);
}

QString customerDisplayName(int index)
{
    return pick(kCustomerNames, index);
}

} // namespace hb::sim
