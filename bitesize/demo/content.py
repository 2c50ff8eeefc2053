"""Original demo content for ``manage.py seed_demo``: people, places and profile text.

Pure data with no Django imports. The generator combines these parts at random with a seeded
``random.Random``. The lists are long enough for 100,000 generated mentors to read as varied
people, but the regions hold about 82,000 first-and-last-name pairs in all, so at that scale
some full names repeat, as they do in real life. Anything that must be unique, like a handle,
needs a suffix.

Placeholders, filled with ``str.format``:

- ``Area.headline_templates`` use ``{title}`` (one of the area's ``titles``) and ``{company}``
  (one of its ``companies_kinds``); every combination within an area stays under 110
  characters.
- Some ``Area.bio_sentences`` use ``{years}``; the others contain no braces, nor does any
  other text here.

Names are written in Latin script. ``Region.languages`` holds two-letter ISO 639-1 codes that
Django's language list knows, the region's main working language first. Every city belongs to
exactly one region, and ``CITY_TIME_ZONES`` gives its IANA time zone (always one of its
region's ``time_zones``), so a generated profile's city and time zone can agree.
"""

from __future__ import annotations

from typing import NamedTuple


class Region(NamedTuple):
    """A part of the world demo people live in."""

    key: str
    time_zones: tuple[str, ...]
    cities: tuple[str, ...]
    languages: tuple[str, ...]
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]


class Area(NamedTuple):
    """Profile text for one career area; see the module docstring for placeholders."""

    titles: tuple[str, ...]
    companies_kinds: tuple[str, ...]
    headline_templates: tuple[str, ...]
    bio_sentences: tuple[str, ...]
    mentee_questions: tuple[str, ...]
    goals: tuple[str, ...]


def _names(text: str) -> tuple[str, ...]:
    """Comma-separated names as a tuple; a single name may contain spaces ("de Jong")."""
    return tuple(name.strip() for name in text.split(",") if name.strip())


REGIONS: tuple[Region, ...] = (
    Region(
        key="us_west",
        time_zones=(
            "America/Los_Angeles",
            "America/Denver",
            "America/Phoenix",
            "Pacific/Honolulu",
        ),
        cities=(
            "San Francisco",
            "Los Angeles",
            "Seattle",
            "Portland",
            "San Diego",
            "Oakland",
            "Sacramento",
            "San Jose",
            "Denver",
            "Salt Lake City",
            "Boulder",
            "Phoenix",
            "Honolulu",
        ),
        languages=("en",),
        first_names=_names(
            """
            Emily, Jacob, Sofia, Marcus, Aisha, Daniel, Mei, Carlos, Hannah, Tyler, Priya,
            Kevin, Jasmine, Ethan, Lauren, Diego, Grace, Andre, Olivia, Nathan, Leilani,
            Brandon, Vanessa, Jordan, Camila, Ryan, Alexis, Kai, Maya, Omar, Natalie, Luis,
            Rachel, Derek, Tanya, Samuel, Ava, Miguel, Jenna, Kenji, Rosa, Keoni, Hana,
            Trevor, Lucia, Esperanza, Austin, Kiana, Marisol, Connor, Nadia, Tevita, Farid,
            Quinn,
            """
        ),
        last_names=_names(
            """
            Nguyen, Garcia, Kim, Anderson, Martinez, Chen, Johnson, Patel, Nakamura, Lopez,
            Thompson, Wong, Rivera, Miller, Hernandez, Okafor, Baker, Tran, Sullivan,
            Ramirez, Park, Hughes, Flores, Yamamoto, Carter, Singh, Torres, Bennett, Cho,
            Delgado, Fischer, Reyes, Morgan, Huang, Castillo, Brooks, Kealoha, Nakoa,
            Alvarez, Ito, Vu, Le, Santos, Gonzalez, Murray, Jensen, Olsen, Ahmadi, Mahoe,
            Harper, Lam,
            """
        ),
    ),
    Region(
        key="us_east",
        time_zones=(
            "America/New_York",
            "America/Chicago",
        ),
        cities=(
            "New York",
            "Boston",
            "Atlanta",
            "Washington DC",
            "Philadelphia",
            "Miami",
            "Pittsburgh",
            "Raleigh",
            "Baltimore",
            "Chicago",
            "Austin",
            "Houston",
            "Dallas",
            "Minneapolis",
            "Nashville",
        ),
        languages=("en",),
        first_names=_names(
            """
            Michael, Jessica, James, Ashley, Christopher, Tiffany, Malik, Keisha, David,
            Sarah, Anthony, Nicole, Joseph, Rebecca, Brian, Danielle, Terrence, Monique,
            Andrew, Megan, Jamal, Brianna, Matthew, Amanda, Raj, Elena, Isaac, Lindsey,
            Victor, Shanice, Patrick, Yesenia, Eli, Naomi, Gabriel, Chloe, Darnell, Tamar,
            Sean, Aaliyah, Kayla, Marcus, Deborah, Hector, Imani, Xavier, Leah, Ravi,
            Carmen, Tyrone, Abigail, Samir,
            """
        ),
        last_names=_names(
            """
            Smith, Williams, Brown, Jones, Davis, Jackson, Washington, Robinson, O'Brien,
            Rossi, Goldberg, Cohen, Murphy, Harris, Coleman, Santiago, Perez, Morales,
            Shapiro, Kowalski, Fitzgerald, Greene, Mitchell, Campbell, Bell, Russo, Adeyemi,
            Desai, Levine, Walsh, Ortiz, Price, Simmons, Henderson, Caruso, Jenkins, Parker,
            Howard, Brennan, Mensah, Thomas, Carter, Moore, Reed, Lee, Ali, Rosenberg,
            Nwankwo, Hoffman, Gallo, Castro, Vasquez,
            """
        ),
    ),
    Region(
        key="canada",
        time_zones=(
            "America/Toronto",
            "America/Vancouver",
            "America/Edmonton",
            "America/Halifax",
        ),
        cities=(
            "Toronto",
            "Ottawa",
            "Montreal",
            "Waterloo",
            "Quebec City",
            "Vancouver",
            "Victoria",
            "Calgary",
            "Edmonton",
            "Halifax",
        ),
        languages=("en", "fr"),
        first_names=_names(
            """
            Liam, Emma, Noah, Chloé, Mathieu, Gabrielle, Ethan, Sophie, Benjamin, Zoe,
            Harpreet, Simran, Gurpreet, Owen, Avery, Jean-François, Marie-Ève, Félix,
            Camille, Aiden, Madison, Connor, Hailey, Tariq, Fatima, Dylan, Megan, Logan,
            Jenna, Raj, Anjali, Kyle, Brooke, Samuel, Leah, Étienne, Julie, Wei, Ling,
            Nathaniel, Isabelle, Maxime, Éloïse, Olivier, Kiran, Arjun, Mackenzie, Hunter,
            Nadia, Jordan, Amélie, Mohamed,
            """
        ),
        last_names=_names(
            """
            Tremblay, Gagnon, Roy, Côté, Bouchard, Gauthier, Morin, Lavoie, Fortin,
            Pelletier, MacDonald, Campbell, Stewart, Wilson, Taylor, Martin, Brown,
            Thompson, Fraser, MacLeod, Leblanc, Bergeron, Sandhu, Gill, Dhillon, Grewal,
            Wong, Chan, Li, Nguyen, Ahmed, Anderson, Reid, Clarke, McKenzie, Bélanger,
            Lefebvre, Lapointe, Girard, Desjardins, Poirier, Sidhu, Bains, Patel, Lam,
            Sinclair, Henderson, Boucher, O'Neill,
            """
        ),
    ),
    Region(
        key="mexico",
        time_zones=(
            "America/Mexico_City",
            "America/Monterrey",
            "America/Tijuana",
        ),
        cities=(
            "Mexico City",
            "Guadalajara",
            "Puebla",
            "Querétaro",
            "Mérida",
            "León",
            "Monterrey",
            "Saltillo",
            "Tijuana",
        ),
        languages=("es", "en"),
        first_names=_names(
            """
            María, José, Guadalupe, Juan, Fernanda, Luis, Valeria, Alejandro, Daniela,
            Carlos, Ximena, Jorge, Andrea, Miguel, Mariana, Eduardo, Paola, Ricardo,
            Gabriela, Héctor, Alejandra, Rodrigo, Diana, Emiliano, Regina, Santiago, Itzel,
            Arturo, Renata, Pablo, Citlali, Javier, Sofía, Óscar, Karla, Iván, Lucía,
            Mauricio, Natalia, Sergio, Adriana, Fernando, Mónica, Raúl, Verónica, Ernesto,
            Lorena, Gerardo, Claudia, Israel, Yareli, Tonatiuh,
            """
        ),
        last_names=_names(
            """
            Hernández, García, Martínez, López, González, Rodríguez, Pérez, Sánchez,
            Ramírez, Cruz, Flores, Gómez, Morales, Vázquez, Jiménez, Reyes, Díaz, Torres,
            Gutiérrez, Ruiz, Mendoza, Aguilar, Ortiz, Castillo, Moreno, Romero, Medina,
            Herrera, Domínguez, Vargas, Ríos, Salazar, Navarro, Cervantes, Villarreal,
            Garza, Treviño, Cantú, Zavala, Quintero, Chávez, Castro, Ramos, Espinoza,
            Juárez, Orozco, Montes, Rosales, Ibarra, Lozano, Estrada, Acosta,
            """
        ),
    ),
    Region(
        key="colombia_peru",
        time_zones=(
            "America/Bogota",
            "America/Lima",
        ),
        cities=(
            "Bogotá",
            "Medellín",
            "Cali",
            "Barranquilla",
            "Bucaramanga",
            "Lima",
            "Arequipa",
            "Cusco",
            "Trujillo",
        ),
        languages=("es", "en"),
        first_names=_names(
            """
            Valentina, Andrés, Camila, Felipe, Isabella, Sebastián, Juliana, Mateo,
            Catalina, Nicolás, Laura, Julián, Manuela, David, Paula, Cristian, Carolina,
            Esteban, Luisa, Diego, Angélica, Gustavo, Milagros, Renzo, Rosa, Piero, Alonso,
            Fiorella, Gonzalo, Ximena, César, Mariana, Jaime, Lorena, Wilson, Natalia,
            Hernán, Yolanda, Sara, Tatiana, Alejandra, Mauricio, Ángela, Óscar, Marisol,
            Fabián, Liliana, Walter, Claudia, Edwin, Susana, Álvaro,
            """
        ),
        last_names=_names(
            """
            Rodríguez, Gómez, González, Martínez, García, López, Hernández, Sánchez,
            Ramírez, Pérez, Díaz, Muñoz, Rojas, Moreno, Jiménez, Castro, Vargas, Ortiz,
            Restrepo, Ospina, Cárdenas, Quispe, Mamani, Huamán, Flores, Chávez, Vásquez,
            Ramos, Torres, Salazar, Zapata, Arango, Londoño, Mejía, Valencia, Cabrera,
            Paredes, Espinoza, Villanueva, Córdova, Gutiérrez, Aguilar, Suárez, Patiño,
            Giraldo, Henao, Bedoya, Vallejo, Condori, Huanca, Delgado, Navarro,
            """
        ),
    ),
    Region(
        key="chile_argentina",
        time_zones=(
            "America/Santiago",
            "America/Argentina/Buenos_Aires",
            "America/Argentina/Cordoba",
            "America/Argentina/Mendoza",
        ),
        cities=(
            "Santiago",
            "Valparaíso",
            "Concepción",
            "Viña del Mar",
            "Buenos Aires",
            "La Plata",
            "Mar del Plata",
            "Córdoba",
            "Rosario",
            "Mendoza",
        ),
        languages=("es", "en"),
        first_names=_names(
            """
            Martina, Tomás, Agustina, Benjamín, Florencia, Joaquín, Josefa, Matías, Antonia,
            Vicente, Constanza, Cristóbal, Catalina, Ignacio, Francisca, Facundo, Camila,
            Lucas, Sofía, Santiago, Micaela, Gonzalo, Valentina, Nicolás, Rocío, Federico,
            Carla, Maximiliano, Julieta, Franco, Belén, Rodrigo, Paz, Emiliano, Trinidad,
            Sebastián, Milagros, Diego, Javiera, Pablo, Renata, Agustín, Fernanda, Bautista,
            Daniela, Martín, Carolina, Andrés, Lucía, Felipe, Macarena, Leandro,
            """
        ),
        last_names=_names(
            """
            González, Muñoz, Rojas, Díaz, Pérez, Soto, Contreras, Silva, Martínez,
            Sepúlveda, Morales, Fuentes, Valenzuela, Araya, Espinoza, Tapia, Reyes,
            Castillo, Rodríguez, Fernández, López, Gómez, Romero, Sosa, Álvarez, Benítez,
            Acosta, Ferrari, Bianchi, Echeverría, Larraín, Vidal, Cárdenas, Herrera,
            Navarro, Figueroa, Medina, Ibáñez, Carrasco, Schmidt, Vargas, Sánchez, Ramírez,
            Ruiz, Molina, Ortiz, Gutiérrez, Torres, Aguirre, Peralta, Bustos, Cortés,
            """
        ),
    ),
    Region(
        key="brazil",
        time_zones=(
            "America/Sao_Paulo",
            "America/Recife",
            "America/Fortaleza",
            "America/Bahia",
            "America/Manaus",
        ),
        cities=(
            "São Paulo",
            "Rio de Janeiro",
            "Belo Horizonte",
            "Curitiba",
            "Porto Alegre",
            "Florianópolis",
            "Brasília",
            "Campinas",
            "Recife",
            "Fortaleza",
            "Salvador",
            "Manaus",
        ),
        languages=("pt", "en"),
        first_names=_names(
            """
            Ana, João, Beatriz, Lucas, Mariana, Gabriel, Juliana, Pedro, Camila, Rafael,
            Larissa, Thiago, Fernanda, Gustavo, Letícia, Felipe, Bruna, Matheus, Isabela,
            Vinícius, Amanda, Leonardo, Carolina, Bruno, Luana, Diego, Patrícia, Caio,
            Raquel, Rodrigo, Tatiane, Henrique, Aline, André, Natália, Eduardo, Priscila,
            Igor, Renata, Marcelo, Gabriela, Rafaela, Daniel, Vitória, Ricardo, Sabrina,
            Murilo, Jéssica, Otávio, Débora, Fábio, Yasmin,
            """
        ),
        last_names=_names(
            """
            Silva, Santos, Oliveira, Souza, Rodrigues, Ferreira, Alves, Pereira, Lima,
            Gomes, Costa, Ribeiro, Martins, Carvalho, Almeida, Lopes, Soares, Fernandes,
            Vieira, Barbosa, Rocha, Dias, Nascimento, Andrade, Moreira, Nunes, Marques,
            Machado, Mendes, Freitas, Cardoso, Ramos, Gonçalves, Santana, Teixeira, Moraes,
            Araújo, Cavalcanti, Nakamura, Haddad, Schneider, Castro, Pinto, Campos,
            Monteiro, Correia, Borges, Azevedo, Medeiros, Farias, Sampaio, Tavares,
            Siqueira,
            """
        ),
    ),
    Region(
        key="uk_ireland",
        time_zones=(
            "Europe/London",
            "Europe/Dublin",
        ),
        cities=(
            "London",
            "Manchester",
            "Edinburgh",
            "Glasgow",
            "Bristol",
            "Leeds",
            "Birmingham",
            "Cardiff",
            "Belfast",
            "Cambridge",
            "Dublin",
            "Cork",
            "Galway",
        ),
        languages=("en",),
        first_names=_names(
            """
            Oliver, Amelia, Harry, Isla, George, Sophie, Jack, Charlotte, Thomas, Emily,
            James, Aoife, Ciarán, Siobhán, Niamh, Eoin, Saoirse, Cian, Róisín, Rhys, Cerys,
            Callum, Eilidh, Fraser, Hamish, Priya, Rohan, Zainab, Imran, Chidi, Temi,
            Yasmin, Kieran, Hollie, Ben, Lucy, Tom, Rebecca, Sam, Hannah, Mohammed, Amara,
            Alfie, Freya, Ellie, Oscar, Maisie, Arjun, Aisling, Declan, Megan, Euan,
            Abigail, Kwame,
            """
        ),
        last_names=_names(
            """
            Smith, Jones, Taylor, Brown, Williams, Wilson, Evans, Thomas, Roberts, Walker,
            Wright, Robinson, Thompson, Hughes, Edwards, Murphy, Kelly, O'Sullivan, Byrne,
            Ryan, O'Connor, Doyle, McCarthy, Gallagher, Campbell, MacLeod, Fraser, Morgan,
            Davies, Patel, Khan, Hussain, Shah, Okoye, Mensah, Clarke, Lewis, Harrison,
            Fitzpatrick, Kavanagh, Green, Hall, Wood, Jackson, King, Baker, Scott, Nolan,
            Quinn, Reid, Ahmed, Ali,
            """
        ),
    ),
    Region(
        key="france_belgium",
        time_zones=(
            "Europe/Paris",
            "Europe/Brussels",
            "Europe/Luxembourg",
        ),
        cities=(
            "Paris",
            "Lyon",
            "Toulouse",
            "Nantes",
            "Bordeaux",
            "Lille",
            "Marseille",
            "Montpellier",
            "Strasbourg",
            "Brussels",
            "Liège",
            "Luxembourg",
        ),
        languages=("fr", "en"),
        first_names=_names(
            """
            Camille, Léa, Lucas, Manon, Hugo, Chloé, Louis, Inès, Gabriel, Emma, Nathan,
            Sarah, Théo, Clara, Julien, Pauline, Antoine, Élodie, Maxime, Juliette, Nicolas,
            Margaux, Thomas, Mathilde, Karim, Yasmine, Mehdi, Nadia, Amadou, Fatou,
            Baptiste, Océane, Guillaume, Charlotte, Romain, Anaïs, Sébastien, Laure, Arnaud,
            Lina, Léo, Zoé, Alexandre, Lucie, Adrien, Jeanne, Quentin, Sophie, Malik, Aïcha,
            Vincent, Élise,
            """
        ),
        last_names=_names(
            """
            Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau,
            Simon, Laurent, Lefebvre, Michel, Garcia, David, Bertrand, Roux, Vincent,
            Fournier, Morel, Girard, André, Mercier, Dupont, Lambert, Bonnet, François,
            Benali, Haddad, Diallo, Traoré, Nguyen, Peeters, Dumont, Lemaire, Chevalier,
            Rousseau, Faure, Gauthier, Blanc, Guérin, Muller, Henry, Roussel, Perrin, Morin,
            Mathieu, Clément, Fontaine, Renard, Lacroix,
            """
        ),
    ),
    Region(
        key="low_countries",
        time_zones=(
            "Europe/Amsterdam",
            "Europe/Brussels",
        ),
        cities=(
            "Amsterdam",
            "Rotterdam",
            "Utrecht",
            "The Hague",
            "Eindhoven",
            "Groningen",
            "Delft",
            "Antwerp",
            "Ghent",
            "Leuven",
        ),
        languages=("nl", "en"),
        first_names=_names(
            """
            Daan, Emma, Sem, Julia, Lucas, Sophie, Milan, Tess, Bram, Lotte, Thijs, Anouk,
            Jesse, Fleur, Ruben, Sanne, Stijn, Lisa, Jeroen, Marloes, Pieter, Femke, Niels,
            Eva, Joost, Ilse, Koen, Maud, Wouter, Noor, Yassin, Rachida, Sven, Iris, Timo,
            Esther, Bas, Linde, Rik, Merel, Mila, Finn, Zoë, Luuk, Sara, Gijs, Roos, Daniël,
            Floor, Mehmet, Nadia, Thomas,
            """
        ),
        last_names=_names(
            """
            de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssens, Visser,
            Smit, Meijer, de Boer, Mulder, de Groot, Bos, Vos, Peeters, Hendriks,
            van Leeuwen, Dekker, Brouwer, de Wit, Dijkstra, Maes, de Graaf, van der Meer,
            van der Linden, Kok, Jacobs, de Haan, Vermeulen, van den Heuvel, Verhoeven,
            Koster, Prins, Huisman, El Amrani, Wouters, Claes, van Vliet, Kuipers, Veenstra,
            Schouten, Postma, van Beek, Willems, Goossens, Mertens, Kaya, Timmermans,
            Hoekstra,
            """
        ),
    ),
    Region(
        key="dach",
        time_zones=(
            "Europe/Berlin",
            "Europe/Vienna",
            "Europe/Zurich",
        ),
        cities=(
            "Berlin",
            "Munich",
            "Hamburg",
            "Cologne",
            "Frankfurt",
            "Stuttgart",
            "Leipzig",
            "Düsseldorf",
            "Vienna",
            "Graz",
            "Zurich",
            "Basel",
            "Bern",
        ),
        languages=("de", "en"),
        first_names=_names(
            """
            Lukas, Anna, Felix, Lena, Jonas, Laura, Maximilian, Lea, Leon, Hannah, Paul,
            Sarah, Niklas, Julia, Tobias, Katharina, Florian, Johanna, Moritz, Marie,
            Stefan, Sabine, Jan, Franziska, Matthias, Nina, Elias, Mia, Emre, Aylin, Fabian,
            Theresa, Sebastian, Carolin, Andreas, Miriam, David, Clara, Reto, Nadja, Lorenz,
            Verena, Jana, Philipp, Lisa, Simon, Anja, Benedikt, Selin, Kai, Melanie,
            Dominik, Ursula, Timo,
            """
        ),
        last_names=_names(
            """
            Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz,
            Hoffmann, Koch, Richter, Bauer, Klein, Wolf, Schröder, Neumann, Schwarz,
            Zimmermann, Braun, Krüger, Hofmann, Hartmann, Lange, Huber, Gruber, Steiner,
            Moser, Brunner, Keller, Meier, Frei, Baumann, Vogel, Lehmann, Kaiser, Fuchs,
            Graf, Öztürk, Popović, Schäfer, Krause, Werner, Peters, Scholz, Möller, Walter,
            Kühn, Pichler, Eder, Bachmann, Weiß,
            """
        ),
    ),
    Region(
        key="spain",
        time_zones=(
            "Europe/Madrid",
            "Atlantic/Canary",
        ),
        cities=(
            "Madrid",
            "Barcelona",
            "Valencia",
            "Seville",
            "Bilbao",
            "Málaga",
            "Zaragoza",
            "San Sebastián",
            "Las Palmas",
        ),
        languages=("es", "en"),
        first_names=_names(
            """
            Lucía, Hugo, Martina, Daniel, Paula, Pablo, Carmen, Alejandro, Sara, Álvaro,
            Marta, Adrián, Elena, Javier, Laura, Sergio, Nerea, Iñaki, Ainhoa, Jordi,
            Montserrat, Pau, Núria, Aitor, Irene, Raúl, Cristina, Marc, Alba, Rubén,
            Beatriz, Iker, Claudia, Guillermo, Rocío, Mario, Noelia, Víctor, Inés, Gonzalo,
            Andrea, Jorge, Clara, Diego, Natalia, Manuel, Silvia, Carlos, Eva, Óscar, Ane,
            Xavier,
            """
        ),
        last_names=_names(
            """
            García, Fernández, González, Rodríguez, López, Martínez, Sánchez, Pérez, Gómez,
            Martín, Jiménez, Ruiz, Hernández, Díaz, Moreno, Muñoz, Álvarez, Romero, Alonso,
            Gutiérrez, Navarro, Torres, Domínguez, Vázquez, Ramos, Gil, Serrano, Blanco,
            Molina, Castro, Ortega, Rubio, Puig, Ferrer, Vidal, Soler, Etxeberria,
            Garmendia, Iglesias, Castaño, Cano, Prieto, Méndez, Cruz, Calvo, Gallego,
            Vicente, León, Márquez, Herrera, Peña, Sanz,
            """
        ),
    ),
    Region(
        key="italy",
        time_zones=("Europe/Rome",),
        cities=(
            "Milan",
            "Rome",
            "Turin",
            "Bologna",
            "Florence",
            "Naples",
            "Genoa",
            "Bari",
            "Padua",
        ),
        languages=("it", "en"),
        first_names=_names(
            """
            Giulia, Francesco, Chiara, Alessandro, Sofia, Lorenzo, Martina, Matteo, Giorgia,
            Andrea, Sara, Davide, Federica, Marco, Elisa, Luca, Valentina, Simone,
            Francesca, Riccardo, Alessia, Gabriele, Silvia, Tommaso, Elena, Stefano, Ilaria,
            Filippo, Beatrice, Giuseppe, Aurora, Pietro, Camilla, Nicolò, Serena, Emanuele,
            Alice, Michele, Eleonora, Daniele, Anna, Edoardo, Greta, Giovanni, Marta,
            Antonio, Noemi, Salvatore, Laura, Paolo, Rebecca, Massimo,
            """
        ),
        last_names=_names(
            """
            Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco,
            Bruno, Gallo, Conti, De Luca, Mancini, Costa, Giordano, Rizzo, Lombardi,
            Moretti, Barbieri, Fontana, Santoro, Mariani, Rinaldi, Caruso, Ferrara, Galli,
            Martini, Leone, Longo, Gentile, Martinelli, Vitale, Serra, Coppola, De Santis,
            D'Angelo, Marchetti, Pellegrini, Ferri, Fabbri, Bianco, Marini, Grasso,
            Valentini, Messina, Sala, De Angelis, Gatti, Palumbo, Cattaneo,
            """
        ),
    ),
    Region(
        key="nordics",
        time_zones=(
            "Europe/Stockholm",
            "Europe/Oslo",
            "Europe/Copenhagen",
        ),
        cities=(
            "Stockholm",
            "Gothenburg",
            "Malmö",
            "Uppsala",
            "Lund",
            "Oslo",
            "Bergen",
            "Copenhagen",
            "Aarhus",
        ),
        languages=("sv", "en"),
        first_names=_names(
            """
            Astrid, Erik, Ingrid, Lars, Freja, Anders, Maja, Johan, Elin, Oskar, Sofie,
            Magnus, Sigrid, Henrik, Ebba, Nils, Linnea, Mikkel, Ida, Sindre, Klara, Gustav,
            Alma, Axel, Saga, Fredrik, Tove, Mats, Hanna, Kasper, Karin, Ole, Matilda, Emil,
            Nora, Viktor, Amina, Hassan, Liv, Björn, Elsa, Hugo, Wilma, Leo, Ingeborg,
            Aksel, Frida, Tobias, Signe, Rasmus, Selma, Jonas,
            """
        ),
        last_names=_names(
            """
            Andersson, Johansson, Karlsson, Nilsson, Eriksson, Larsson, Olsson, Persson,
            Svensson, Gustafsson, Lindberg, Lindqvist, Berg, Holm, Sandberg, Hansen,
            Johansen, Olsen, Larsen, Andersen, Pedersen, Nielsen, Jensen, Christensen,
            Rasmussen, Haugen, Bakke, Solberg, Dahl, Lund, Strand, Ekström, Nordin,
            Bergström, Sjöberg, Lindgren, Halvorsen, Abdi, Jonsson, Petersson, Lindholm,
            Forsberg, Sundberg, Eklund, Kristiansen, Eriksen, Berntsen, Madsen, Sørensen,
            Thomsen,
            """
        ),
    ),
    Region(
        key="poland",
        time_zones=("Europe/Warsaw",),
        cities=(
            "Warsaw",
            "Kraków",
            "Wrocław",
            "Gdańsk",
            "Poznań",
            "Łódź",
            "Katowice",
            "Lublin",
        ),
        languages=("pl", "en"),
        first_names=_names(
            """
            Anna, Piotr, Katarzyna, Krzysztof, Agnieszka, Tomasz, Magdalena, Paweł, Joanna,
            Michał, Aleksandra, Marcin, Monika, Łukasz, Natalia, Jakub, Karolina, Kamil,
            Ewa, Mateusz, Zofia, Bartosz, Marta, Wojciech, Dorota, Adam, Justyna, Grzegorz,
            Weronika, Szymon, Julia, Rafał, Alicja, Dawid, Iwona, Maciej, Barbara, Krystian,
            Paulina, Jan, Maria, Filip, Wiktoria, Antoni, Gabriela, Mikołaj, Oliwia, Igor,
            Helena, Sebastian, Agata, Patryk,
            """
        ),
        last_names=_names(
            """
            Nowak, Wójcik, Kowalczyk, Woźniak, Mazur, Krawczyk, Kaczmarek, Zając, Król,
            Wieczorek, Wróbel, Dudek, Stępień, Adamczyk, Pawlak, Sikora, Baran, Duda,
            Szymczak, Michalak, Walczak, Kubiak, Kołodziej, Szewczyk, Pietrzak, Marciniak,
            Wilk, Lis, Bąk, Sobczak, Kowal, Mróz, Kozak, Sowa, Piątek, Leśniak, Cieślak,
            Kurek, Maj, Kaczor, Kubica, Pająk, Wrona, Zięba, Gajda, Bednarek, Owczarek, Kot,
            Jaworek, Bielak,
            """
        ),
    ),
    Region(
        key="turkey",
        time_zones=("Europe/Istanbul",),
        cities=(
            "Istanbul",
            "Ankara",
            "İzmir",
            "Bursa",
            "Antalya",
            "Eskişehir",
        ),
        languages=("tr", "en"),
        first_names=_names(
            """
            Elif, Mehmet, Zeynep, Emre, Ayşe, Burak, Selin, Can, Deniz, Ece, Mert, Ebru,
            Oğuz, Gizem, Kerem, Merve, Cem, Büşra, Onur, Esra, Barış, Derya, Serkan, Pınar,
            Ozan, İrem, Tolga, Nazlı, Hakan, Seda, Yusuf, Defne, Arda, Melis, Kaan, Tuğba,
            Umut, Aslı, Furkan, Ceren, Ahmet, Gamze, Berk, Sena, Volkan, Dilara, Emir, Ezgi,
            Levent, Aylin, Caner, Beril,
            """
        ),
        last_names=_names(
            """
            Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Yıldırım, Öztürk, Aydın, Özdemir,
            Arslan, Doğan, Kılıç, Aslan, Çetin, Kara, Koç, Kurt, Özkan, Şimşek, Polat,
            Korkmaz, Aksoy, Güneş, Tekin, Ünal, Bulut, Keskin, Turan, Avcı, Ateş, Uçar,
            Erdem, Akın, Sarı, Güler, Karaca, Tuncer, Eren, Baysal, Yavuz, Kaplan, Bozkurt,
            Çakır, Ekinci, Toprak, Karakaya, Duman, Gündoğdu, Sezer, Altun, Işık,
            """
        ),
    ),
    Region(
        key="mena",
        time_zones=(
            "Africa/Cairo",
            "Asia/Dubai",
            "Asia/Amman",
            "Asia/Riyadh",
            "Asia/Beirut",
            "Africa/Casablanca",
            "Africa/Tunis",
        ),
        cities=(
            "Cairo",
            "Alexandria",
            "Dubai",
            "Abu Dhabi",
            "Amman",
            "Riyadh",
            "Jeddah",
            "Beirut",
            "Casablanca",
            "Rabat",
            "Tunis",
        ),
        languages=("ar", "en"),
        first_names=_names(
            """
            Omar, Layla, Ahmed, Nour, Youssef, Salma, Karim, Yasmin, Khaled, Hana, Tarek,
            Mariam, Ali, Rania, Hassan, Dina, Mahmoud, Farah, Amr, Reem, Ziad, Lina, Sami,
            Aya, Faisal, Noura, Hamza, Malak, Rami, Dalia, Nabil, Jana, Walid, Sara, Adel,
            Heba, Mohamed, Huda, Bilal, Leen, Mona, Tamer, Ghada, Yara, Fadi, Nadine, Samir,
            Rana, Ibrahim, Shereen, Anas, Iman,
            """
        ),
        last_names=_names(
            """
            Hassan, Ibrahim, Mahmoud, Abdallah, El-Sayed, Mostafa, Ali, Saleh, Khalil,
            Haddad, Nassar, Mansour, Farouk, Said, Hamdan, Qasim, Al-Mansouri, Al-Hashimi,
            Al-Amiri, Othman, Darwish, Shaheen, Karam, Awad, Barakat, Fakhoury, Nasser,
            Hijazi, Bennani, El Idrissi, Alaoui, Tazi, Yousef, Suleiman, Rashed, Masri,
            Sabbagh, Ben Salah, Trabelsi, Al-Otaibi, Ezzat, Fathy, Zaki, Sharif, Haidar,
            Jaber, Khoury, Tannous, Bakri, Chahine, Amrani, Hamdi,
            """
        ),
    ),
    Region(
        key="west_africa",
        time_zones=(
            "Africa/Lagos",
            "Africa/Accra",
        ),
        cities=(
            "Lagos",
            "Abuja",
            "Ibadan",
            "Port Harcourt",
            "Kano",
            "Enugu",
            "Accra",
            "Kumasi",
        ),
        languages=("en",),
        first_names=_names(
            """
            Adaeze, Chiamaka, Ngozi, Funmilayo, Temitope, Oluwaseun, Adebayo, Chinedu,
            Emeka, Ifeanyi, Tunde, Kelechi, Amaka, Yetunde, Zainab, Aisha, Hauwa, Musa,
            Ibrahim, Abubakar, Nneka, Obinna, Uchenna, Folake, Bukola, Damilola, Babajide,
            Kwame, Kofi, Ama, Akosua, Efua, Yaw, Kwabena, Abena, Esi, Nana, Kojo, Tobi,
            Ifeoma, Olumide, Chioma, Adeola, Ikechukwu, Sade, Segun, Blessing, Gbenga,
            Maryam, Aminu, Akua, Kwesi,
            """
        ),
        last_names=_names(
            """
            Adeyemi, Okafor, Okonkwo, Eze, Nwosu, Obi, Balogun, Adebayo, Ogunleye, Olawale,
            Afolabi, Bello, Abubakar, Usman, Danjuma, Ibrahim, Okeke, Nwachukwu, Chukwu,
            Akande, Ogundipe, Adeleke, Ojo, Mensah, Boateng, Asante, Owusu, Appiah, Osei,
            Agyeman, Darko, Ansah, Acheampong, Quaye, Amoah, Tetteh, Lawal, Yusuf, Oyewole,
            Adekunle, Onuoha, Okoro, Ogbu, Sani, Garba, Bawa, Amadi, Frimpong, Antwi, Opoku,
            """
        ),
    ),
    Region(
        key="east_africa",
        time_zones=(
            "Africa/Nairobi",
            "Africa/Kampala",
            "Africa/Dar_es_Salaam",
        ),
        cities=(
            "Nairobi",
            "Mombasa",
            "Kisumu",
            "Nakuru",
            "Eldoret",
            "Kampala",
            "Entebbe",
            "Dar es Salaam",
            "Arusha",
        ),
        languages=("sw", "en"),
        first_names=_names(
            """
            Wanjiku, Achieng, Akinyi, Njeri, Wambui, Nyambura, Atieno, Faith, Mercy, Neema,
            Zawadi, Rehema, Halima, Esther, Nasimiyu, Sharon, Caroline, Lilian, Winnie, Joy,
            Brian, Kevin, Dennis, Collins, Victor, Ian, Juma, Baraka, Jabari, Emmanuel,
            Samuel, Eric, Ibrahim, Daniel, Felix, Moses, Amani, Tumaini, Allan, Joseph,
            Wairimu, Chebet, Naliaka, Aisha, Wanjiru, Nafula, Kelvin, Peter, Hassan, George,
            Kibet, Mwajuma,
            """
        ),
        last_names=_names(
            """
            Otieno, Ochieng, Odhiambo, Onyango, Kamau, Mwangi, Njoroge, Kariuki, Kimani,
            Kiprop, Cheruiyot, Mutua, Musyoka, Wafula, Wekesa, Barasa, Omondi, Owino,
            Kiplagat, Mutiso, Ndegwa, Gitau, Macharia, Maina, Korir, Rotich, Okello,
            Mugisha, Tumusiime, Mukasa, Ssali, Byaruhanga, Massawe, Kimaro, Mushi, Lyimo,
            Mwakyusa, Mollel, Njenga, Wambugu, Chege, Kirui, Langat, Kiptoo, Ouma, Oduor,
            Ssekandi, Opio, Mbwambo, Shirima,
            """
        ),
    ),
    Region(
        key="south_africa",
        time_zones=("Africa/Johannesburg",),
        cities=(
            "Johannesburg",
            "Cape Town",
            "Durban",
            "Pretoria",
            "Gqeberha",
            "Stellenbosch",
            "Bloemfontein",
        ),
        languages=("en",),
        first_names=_names(
            """
            Thandiwe, Sipho, Lerato, Thabo, Nomvula, Mandla, Zanele, Kagiso, Naledi, Tshepo,
            Palesa, Bongani, Ayanda, Lwazi, Nokuthula, Sizwe, Refilwe, Lungile, Karabo,
            Themba, Busisiwe, Andile, Precious, Johan, Annelie, Pieter, Marike, Ruan, Liezl,
            Jaco, Chantelle, Ryan, Megan, Shaun, Nadia, Yusuf, Thuli, Kyle, Tumi, Keabetswe,
            Sibusiso, Nandi, Lindiwe, Kabelo, Mpho, Dineo, Riaan, Elmarie, Kayla, Zaid,
            Kavisha, Nikhil,
            """
        ),
        last_names=_names(
            """
            Dlamini, Nkosi, Ndlovu, Khumalo, Mthembu, Zulu, Mokoena, Mahlangu, Mabaso,
            Molefe, Sithole, Ngcobo, Cele, Mkhize, Mthethwa, Naidoo, Pillay, Govender,
            Moodley, van der Merwe, Botha, Pretorius, du Plessis, Nel, Venter, Coetzee,
            Steyn, Jacobs, Hendricks, Adams, Petersen, Williams, Maseko, Radebe, Tshabalala,
            Modise, Masilela, Fortuin, Sibiya, Buthelezi, Ntuli, Motaung, Phiri, Mofokeng,
            Nkuna, Erasmus, Swart, Kruger, Reddy, Abrahams,
            """
        ),
    ),
    Region(
        key="pakistan",
        time_zones=("Asia/Karachi",),
        cities=(
            "Karachi",
            "Lahore",
            "Islamabad",
            "Rawalpindi",
            "Faisalabad",
            "Peshawar",
            "Multan",
        ),
        languages=("ur", "en"),
        first_names=_names(
            """
            Ayesha, Hamza, Fatima, Bilal, Zainab, Usman, Sana, Saad, Hira, Imran, Mahnoor,
            Ali, Areeba, Faisal, Maryam, Hassan, Amna, Danish, Iqra, Omer, Rabia, Zeeshan,
            Mehwish, Asad, Nida, Waqas, Sadia, Junaid, Anum, Kamran, Farah, Haris, Sidra,
            Adeel, Kiran, Talha, Mariam, Shahzaib, Noor, Fahad, Hiba, Zain, Aleena, Moiz,
            Eman, Arslan, Laiba, Hammad, Rida, Shoaib, Minahil, Umair,
            """
        ),
        last_names=_names(
            """
            Khan, Ahmed, Malik, Qureshi, Siddiqui, Butt, Chaudhry, Sheikh, Raza, Hussain,
            Mirza, Abbasi, Baig, Javed, Iqbal, Rana, Awan, Bhatti, Shah, Memon, Zaidi,
            Rizvi, Naqvi, Jafri, Kazmi, Farooq, Aslam, Anwar, Tariq, Saeed, Haider, Akhtar,
            Gillani, Paracha, Lodhi, Khattak, Durrani, Baloch, Soomro, Sultan, Rehman,
            Latif, Mughal, Kiani, Niazi, Warraich, Cheema, Ghauri, Afridi, Hashmi, Bukhari,
            """
        ),
    ),
    Region(
        key="india",
        time_zones=("Asia/Kolkata",),
        cities=(
            "Bengaluru",
            "Mumbai",
            "Delhi",
            "Hyderabad",
            "Chennai",
            "Pune",
            "Kolkata",
            "Ahmedabad",
            "Kochi",
            "Jaipur",
            "Gurugram",
            "Noida",
        ),
        languages=("hi", "en"),
        first_names=_names(
            """
            Priya, Arjun, Ananya, Rohan, Kavya, Aditya, Sneha, Vikram, Divya, Rahul, Meera,
            Karthik, Pooja, Siddharth, Lakshmi, Nikhil, Aishwarya, Varun, Shreya, Aravind,
            Deepika, Rajesh, Neha, Abhishek, Ishita, Sanjay, Nandini, Harish, Ritu, Manoj,
            Anjali, Gaurav, Swati, Pranav, Tanvi, Suresh, Radhika, Amit, Zoya, Faizan, Anil,
            Shalini, Aarav, Diya, Karan, Pallavi, Vivek, Sunaina, Rakesh, Madhuri, Tarun,
            Keerthana, Ayaan, Farah,
            """
        ),
        last_names=_names(
            """
            Sharma, Verma, Gupta, Iyer, Reddy, Rao, Nair, Menon, Pillai, Krishnan,
            Subramanian, Banerjee, Chatterjee, Mukherjee, Das, Ghosh, Bose, Sen, Patel,
            Shah, Mehta, Desai, Joshi, Kulkarni, Deshpande, Patil, Jain, Agarwal, Bhat,
            Kapoor, Malhotra, Chopra, Saxena, Mishra, Pandey, Tiwari, Ansari, D'Souza,
            Fernandes, Chakraborty, Srinivasan, Venkataraman, Naidu, Hegde, Shetty, Gowda,
            Bhattacharya, Dutta, Sinha, Thakur, Choudhury, Mathew,
            """
        ),
    ),
    Region(
        key="nepal",
        time_zones=("Asia/Kathmandu",),
        cities=(
            "Kathmandu",
            "Lalitpur",
            "Pokhara",
            "Bhaktapur",
            "Biratnagar",
            "Butwal",
            "Dharan",
        ),
        languages=("ne", "en"),
        first_names=_names(
            """
            Aarati, Bibek, Sujan, Prakriti, Sabina, Anish, Srijana, Pratik, Sushma, Rajan,
            Anjana, Bikash, Sarita, Roshan, Manisha, Suman, Pooja, Nabin, Asmita, Dipesh,
            Kabita, Santosh, Rupa, Prabin, Sunita, Kiran, Binita, Sagar, Smriti, Aayush,
            Pemba, Dolma, Nisha, Ramesh, Shristi, Ujjwal, Riya, Saroj, Sabita, Bishal,
            Bimala, Sandesh, Pramila, Suraj, Rojina, Umesh, Anita, Mingma, Sonam, Kushal,
            Pratibha, Dinesh,
            """
        ),
        last_names=_names(
            """
            Shrestha, Gurung, Thapa, Magar, Tamang, Rai, Limbu, Sherpa, Adhikari, Pokharel,
            Sharma, Bhattarai, Karki, Khadka, Poudel, Maharjan, Bajracharya, Joshi, Pradhan,
            Ghimire, Dahal, Koirala, Subedi, Basnet, Bhandari, Acharya, Lama, Shakya,
            Manandhar, Neupane, Regmi, Timilsina, Aryal, Dhakal, Gautam, Paudel, Bista,
            Rana, Chhetri, Kunwar, Bhusal, Ojha, Upreti, Sapkota, Lamichhane, Devkota,
            Rijal, Sherchan,
            """
        ),
    ),
    Region(
        key="thailand",
        time_zones=("Asia/Bangkok",),
        cities=(
            "Bangkok",
            "Chiang Mai",
            "Phuket",
            "Khon Kaen",
            "Nonthaburi",
            "Chon Buri",
        ),
        languages=("th", "en"),
        first_names=_names(
            """
            Siriporn, Somchai, Nattaya, Kittisak, Pimchanok, Thanawat, Supaporn, Chaiwat,
            Kanokwan, Anan, Ratana, Wichai, Nanthida, Prasert, Thitima, Apinya, Narong,
            Wanida, Sakda, Jiraporn, Pongsak, Arthit, Chanida, Teerapat, Porntip, Natthawut,
            Busaba, Weerapong, Panida, Kittipong, Orathai, Surachai, Rungnapa, Tanakorn,
            Waraporn, Phakphum, Sasithorn, Thanapon, Kamonwan, Peerapat, Nattapong,
            Sirinapa, Wuttichai, Pattaraporn, Anucha, Kanyarat, Chatchai, Duangjai,
            Ekkachai, Yupin, Sombat, Pornpimol,
            """
        ),
        last_names=_names(
            """
            Srisuk, Saelim, Saetang, Wongsawat, Sukprasert, Chaiyaporn, Rattanakul, Boonmee,
            Jaidee, Kaewkla, Suwannarat, Sangthong, Charoensuk, Kittikul, Limthongkul,
            Nakprasit, Pattanapong, Rojanasakul, Sirisombat, Srisawat, Suksawat, Tangsiri,
            Wattanakul, Wongpanit, Chaisiri, Jantarawong, Kaewsai, Ruangsri, Panyasiri,
            Kongkaew, Chuenchom, Thongdee, Boonyarat, Petchsri, Intharasuk, Chaiyasit,
            Sriwong, Ratanaporn, Wongchai, Thepsiri, Somboon, Anantachai, Phanthong, Meesuk,
            Kaewmanee, Sukjai, Bunnag,
            """
        ),
    ),
    Region(
        key="korea",
        time_zones=("Asia/Seoul",),
        cities=(
            "Seoul",
            "Busan",
            "Incheon",
            "Daejeon",
            "Seongnam",
            "Daegu",
            "Suwon",
        ),
        languages=("ko", "en"),
        first_names=_names(
            """
            Ji-woo, Min-jun, Seo-yeon, Do-yun, Ha-eun, Ji-ho, Soo-ah, Hyun-woo, Ye-jin,
            Jae-won, Eun-ji, Sung-min, Yu-na, Dong-hyun, Min-seo, Tae-yang, Ji-hye, Jun-ho,
            Soo-jin, Seung-woo, Hye-won, Joon-young, Da-eun, Woo-jin, Na-yeon, Sang-hoon,
            Ji-min, Young-ho, Chae-won, Kyung-soo, Bo-ra, In-ho, Mi-rae, Si-woo, Ga-young,
            Hyun-jin, Seo-jun, Yeon-woo, Min-ji, Jong-hyun, Ji-yeon, Hyun-soo, Eun-bi,
            Sang-woo, Yoo-jin, Dae-hyun, Seo-hyun, Ki-tae, Ha-neul, Jin-woo, So-yeon,
            Byung-chul,
            """
        ),
        last_names=_names(
            """
            Kim, Lee, Park, Choi, Jung, Kang, Cho, Yoon, Jang, Lim, Han, Oh, Seo, Shin,
            Kwon, Hwang, Ahn, Song, Jeon, Hong, Yoo, Ko, Moon, Yang, Son, Bae, Baek, Heo,
            Nam, Noh, Ha, Kwak, Sung, Cha, Joo, Min, Jin, Do, Pyo, Ryu, Chung, Won, Woo,
            Chae, Gil, Ma, Tak, Byun,
            """
        ),
    ),
    Region(
        key="japan",
        time_zones=("Asia/Tokyo",),
        cities=(
            "Tokyo",
            "Osaka",
            "Kyoto",
            "Fukuoka",
            "Yokohama",
            "Nagoya",
            "Sapporo",
            "Sendai",
            "Kobe",
        ),
        languages=("ja", "en"),
        first_names=_names(
            """
            Haruka, Sota, Yui, Ren, Aoi, Kenji, Naoko, Takeshi, Yuki, Daiki, Emi, Hiroshi,
            Mai, Shota, Ayaka, Kaito, Miyu, Ryota, Saki, Yusuke, Nanami, Kazuki, Rina,
            Takumi, Misaki, Haruto, Akiko, Tomoya, Chihiro, Kenta, Sakura, Shun, Mayumi,
            Yuto, Keiko, Riku, Asuka, Kohei, Megumi, Daisuke, Kana, Yuma, Hinata, Sho,
            Natsumi, Masato, Eri, Koji, Momoka, Ryo, Yoko, Naoki,
            """
        ),
        last_names=_names(
            """
            Sato, Suzuki, Takahashi, Tanaka, Watanabe, Ito, Yamamoto, Nakamura, Kobayashi,
            Kato, Yoshida, Yamada, Sasaki, Yamaguchi, Matsumoto, Inoue, Kimura, Hayashi,
            Shimizu, Yamazaki, Mori, Abe, Ikeda, Hashimoto, Ishikawa, Ogawa, Fujita, Okada,
            Goto, Hasegawa, Murakami, Kondo, Ishii, Sakamoto, Endo, Aoki, Fujii, Nishimura,
            Fukuda, Ota, Takeda, Ueda, Hirano, Ono, Tamura, Takeuchi, Kaneko, Wada, Nakano,
            Harada, Fujiwara, Miyazaki,
            """
        ),
    ),
    Region(
        key="singapore_malaysia",
        time_zones=(
            "Asia/Singapore",
            "Asia/Kuala_Lumpur",
        ),
        cities=(
            "Singapore",
            "Kuala Lumpur",
            "Petaling Jaya",
            "Penang",
            "Johor Bahru",
            "Cyberjaya",
        ),
        languages=("en", "ms"),
        first_names=_names(
            """
            Wei Ling, Jun Jie, Hui Min, Wei Jie, Xin Yi, Zhi Hao, Jia Hui, Mei Xuan,
            Kai Wen, Shu Ting, Yong Sheng, Marcus, Rachel, Nicholas, Cheryl, Darren,
            Charmaine, Bryan, Melvin, Joanne, Desmond, Germaine, Kelvin, Audrey, Jasper,
            Vanessa, Ryan, Felicia, Aaron, Denise, Glenn, Sharon, Elaine, Gabriel, Clarissa,
            Benjamin, Arun, Kavitha, Priyanka, Vikram, Li Ting, Jun Wei, Pei Shan, Zhen Yu,
            Hui Ling, Wen Jie, Eugene, Valerie, Samuel, Grace, Terence, Amanda,
            """
        ),
        last_names=_names(
            """
            Tan, Lim, Lee, Ng, Ong, Wong, Goh, Chua, Chan, Koh, Teo, Ang, Yeo, Tay, Ho, Low,
            Toh, Sim, Chong, Chia, Foo, Leong, Lau, Loh, Yap, Seah, Kwek, Pang, Quek, Heng,
            Tham, Chew, Nair, Pillai, Fernandez, de Souza, Ramasamy, Lai, Soh, Liew, Khoo,
            Chin, Cheong, Poh, Neo, Lam, Yong, Ooi, Phua,
            """
        ),
    ),
    Region(
        key="indonesia",
        time_zones=(
            "Asia/Jakarta",
            "Asia/Makassar",
        ),
        cities=(
            "Jakarta",
            "Bandung",
            "Surabaya",
            "Yogyakarta",
            "Semarang",
            "Medan",
            "Malang",
            "Denpasar",
            "Makassar",
        ),
        languages=("id", "en"),
        first_names=_names(
            """
            Dewi, Budi, Ayu, Agus, Rina, Andi, Sari, Rizky, Putri, Fajar, Intan, Dimas,
            Nadia, Yusuf, Wulan, Arif, Citra, Bayu, Fitri, Hendra, Gita, Indra, Kartika,
            Joko, Maya, Reza, Ratna, Teguh, Sinta, Wahyu, Anisa, Irfan, Larasati, Galih,
            Nurul, Dian, Eka, Yoga, Melati, Raka, Ratih, Adi, Novita, Ilham, Sekar, Hafiz,
            Ananda, Gilang, Puspita, Rangga, Laksmi, Fikri,
            """
        ),
        last_names=_names(
            """
            Siregar, Nasution, Simanjuntak, Hutapea, Sitompul, Harahap, Lubis, Panjaitan,
            Situmorang, Tambunan, Wijaya, Halim, Gunawan, Kusuma, Santoso, Setiawan,
            Susanto, Wibowo, Hidayat, Nugroho, Kurniawan, Tanoto, Salim, Hartono, Sutanto,
            Pangaribuan, Manurung, Hasibuan, Sinaga, Ginting, Tarigan, Sembiring, Rahardjo,
            Prasetyo, Wirawan, Handoko, Permana, Hakim, Saragih, Pardede, Marpaung, Pohan,
            Daulay, Tanjung, Rusli, Effendi, Hadi, Utomo, Sugiarto, Iskandar,
            """
        ),
    ),
    Region(
        key="philippines",
        time_zones=("Asia/Manila",),
        cities=(
            "Manila",
            "Makati",
            "Quezon City",
            "Cebu City",
            "Davao City",
            "Taguig",
            "Pasig",
            "Iloilo City",
        ),
        languages=("en",),
        first_names=_names(
            """
            Angelica, Paolo, Kristine, Miguel, Patricia, Carlo, Bea, Joshua, Camille,
            Rafael, Jasmine, Mark, Nicole, Jerome, Andrea, Vincent, Katrina, Joaquin,
            Frances, Renzo, Trisha, Adrian, Erika, Gabriel, Denise, Marco, Jillian, Ramon,
            Kimberly, Jose, Clarisse, Emmanuel, Danica, Francis, Mikaela, Arvin, Leah,
            Enrique, Rowena, Jericho, Rhea, Carlos, Aileen, Noel, Bianca, Raymond, Kathleen,
            Dominic, Maricel, Ronaldo, Joanna, Ivan,
            """
        ),
        last_names=_names(
            """
            Santos, Reyes, Cruz, Bautista, Ocampo, Garcia, Mendoza, Torres, Villanueva,
            Ramos, Aquino, Castillo, Dela Cruz, Del Rosario, Manalo, Pascual, Soriano,
            Fernandez, Gonzales, Lim, Tan, Dizon, Salazar, Panganiban, Lacson, Navarro,
            Mercado, Aguilar, Valdez, Santiago, Tolentino, Domingo, Samonte, Lopez,
            Evangelista, Rivera, Ramirez, Flores, Castro, Francisco, Lozada, Sison,
            Buenaventura, Ignacio, Velasco, Mangubat, Cabrera, Agustin,
            """
        ),
    ),
    Region(
        key="vietnam",
        time_zones=("Asia/Ho_Chi_Minh",),
        cities=(
            "Ho Chi Minh City",
            "Hanoi",
            "Da Nang",
            "Hai Phong",
            "Can Tho",
            "Hue",
        ),
        languages=("vi", "en"),
        first_names=_names(
            """
            Anh, Minh, Linh, Trang, Thảo, Hương, Lan, Mai, Ngọc, Phương, Hà, Vy, Quỳnh,
            Hạnh, Thu, Yến, Hằng, Nhung, Huy, Dũng, Tuấn, Hùng, Khoa, Nam, Long, Quân, Phúc,
            Bảo, Đức, Thắng, Hải, Sơn, Toàn, Khánh, Trung, Vinh, Hiếu, Tùng, Duy, Diệp, Nhi,
            Uyên, Giang, Tâm, Thư, My, Kiên, Phong, Lộc, Thịnh, Đạt, Hòa,
            """
        ),
        last_names=_names(
            """
            Nguyễn, Trần, Lê, Phạm, Hoàng, Huỳnh, Phan, Vũ, Võ, Đặng, Bùi, Đỗ, Hồ, Ngô,
            Dương, Lý, Trương, Đinh, Lâm, Mai, Trịnh, Cao, Tạ, Lương, Quách, Châu, La, Thái,
            Kiều, Tôn, Hà, Đoàn, Vương, Tăng, Lưu, Chu, Âu, Mạc, Từ, Khúc, Tô, Diệp, Phùng,
            Giáp, Nghiêm, Lạc, Quan, Khổng,
            """
        ),
    ),
    Region(
        key="australia_nz",
        time_zones=(
            "Australia/Sydney",
            "Australia/Melbourne",
            "Australia/Brisbane",
            "Australia/Perth",
            "Australia/Adelaide",
            "Australia/Hobart",
            "Pacific/Auckland",
        ),
        cities=(
            "Sydney",
            "Canberra",
            "Newcastle",
            "Melbourne",
            "Geelong",
            "Brisbane",
            "Gold Coast",
            "Perth",
            "Adelaide",
            "Hobart",
            "Auckland",
            "Wellington",
            "Christchurch",
        ),
        languages=("en",),
        first_names=_names(
            """
            Charlotte, Jack, Olivia, William, Mia, Lachlan, Chloe, Cooper, Matilda,
            Harrison, Isla, Riley, Zoe, Mitchell, Georgia, Liam, Ruby, Aroha, Tama, Mere,
            Wiremu, Anahera, Nikau, Kiri, Manaia, Eleni, Nikos, Luca, Jess, Brodie, Tahlia,
            Declan, Sienna, Hamish, Amira, Dev, Mei, Tom, Ella, Sione, Archie, Grace, Noah,
            Amelia, Hugo, Willow, Ari, Priya, Kieran, Hemi, Poppy, Jasper,
            """
        ),
        last_names=_names(
            """
            Smith, Jones, Williams, Brown, Wilson, Taylor, Johnson, White, Martin, Anderson,
            Thompson, Nguyen, Walker, Harris, Kelly, Ryan, King, Mitchell, Papadopoulos,
            Nikolaidis, Romano, Tran, Chen, Lee, Ngata, Parata, Tipene, Henare, Campbell,
            O'Connor, McKenzie, Sharma, Huang, Li, Fifita, Tupou, Robinson, Clarke, Scott,
            Murray, Hughes, Patel, Wang, Ioannou, Costa, Pomare, Fraser, O'Brien,
            """
        ),
    ),
)

# Every city's IANA time zone; always one of its region's ``time_zones``.
CITY_TIME_ZONES: dict[str, str] = {
    "San Francisco": "America/Los_Angeles",
    "Los Angeles": "America/Los_Angeles",
    "Seattle": "America/Los_Angeles",
    "Portland": "America/Los_Angeles",
    "San Diego": "America/Los_Angeles",
    "Oakland": "America/Los_Angeles",
    "Sacramento": "America/Los_Angeles",
    "San Jose": "America/Los_Angeles",
    "Denver": "America/Denver",
    "Salt Lake City": "America/Denver",
    "Boulder": "America/Denver",
    "Phoenix": "America/Phoenix",
    "Honolulu": "Pacific/Honolulu",
    "New York": "America/New_York",
    "Boston": "America/New_York",
    "Atlanta": "America/New_York",
    "Washington DC": "America/New_York",
    "Philadelphia": "America/New_York",
    "Miami": "America/New_York",
    "Pittsburgh": "America/New_York",
    "Raleigh": "America/New_York",
    "Baltimore": "America/New_York",
    "Chicago": "America/Chicago",
    "Austin": "America/Chicago",
    "Houston": "America/Chicago",
    "Dallas": "America/Chicago",
    "Minneapolis": "America/Chicago",
    "Nashville": "America/Chicago",
    "Toronto": "America/Toronto",
    "Ottawa": "America/Toronto",
    "Montreal": "America/Toronto",
    "Waterloo": "America/Toronto",
    "Quebec City": "America/Toronto",
    "Vancouver": "America/Vancouver",
    "Victoria": "America/Vancouver",
    "Calgary": "America/Edmonton",
    "Edmonton": "America/Edmonton",
    "Halifax": "America/Halifax",
    "Mexico City": "America/Mexico_City",
    "Guadalajara": "America/Mexico_City",
    "Puebla": "America/Mexico_City",
    "Querétaro": "America/Mexico_City",
    "Mérida": "America/Mexico_City",
    "León": "America/Mexico_City",
    "Monterrey": "America/Monterrey",
    "Saltillo": "America/Monterrey",
    "Tijuana": "America/Tijuana",
    "Bogotá": "America/Bogota",
    "Medellín": "America/Bogota",
    "Cali": "America/Bogota",
    "Barranquilla": "America/Bogota",
    "Bucaramanga": "America/Bogota",
    "Lima": "America/Lima",
    "Arequipa": "America/Lima",
    "Cusco": "America/Lima",
    "Trujillo": "America/Lima",
    "Santiago": "America/Santiago",
    "Valparaíso": "America/Santiago",
    "Concepción": "America/Santiago",
    "Viña del Mar": "America/Santiago",
    "Buenos Aires": "America/Argentina/Buenos_Aires",
    "La Plata": "America/Argentina/Buenos_Aires",
    "Mar del Plata": "America/Argentina/Buenos_Aires",
    "Córdoba": "America/Argentina/Cordoba",
    "Rosario": "America/Argentina/Cordoba",
    "Mendoza": "America/Argentina/Mendoza",
    "São Paulo": "America/Sao_Paulo",
    "Rio de Janeiro": "America/Sao_Paulo",
    "Belo Horizonte": "America/Sao_Paulo",
    "Curitiba": "America/Sao_Paulo",
    "Porto Alegre": "America/Sao_Paulo",
    "Florianópolis": "America/Sao_Paulo",
    "Brasília": "America/Sao_Paulo",
    "Campinas": "America/Sao_Paulo",
    "Recife": "America/Recife",
    "Fortaleza": "America/Fortaleza",
    "Salvador": "America/Bahia",
    "Manaus": "America/Manaus",
    "London": "Europe/London",
    "Manchester": "Europe/London",
    "Edinburgh": "Europe/London",
    "Glasgow": "Europe/London",
    "Bristol": "Europe/London",
    "Leeds": "Europe/London",
    "Birmingham": "Europe/London",
    "Cardiff": "Europe/London",
    "Belfast": "Europe/London",
    "Cambridge": "Europe/London",
    "Dublin": "Europe/Dublin",
    "Cork": "Europe/Dublin",
    "Galway": "Europe/Dublin",
    "Paris": "Europe/Paris",
    "Lyon": "Europe/Paris",
    "Toulouse": "Europe/Paris",
    "Nantes": "Europe/Paris",
    "Bordeaux": "Europe/Paris",
    "Lille": "Europe/Paris",
    "Marseille": "Europe/Paris",
    "Montpellier": "Europe/Paris",
    "Strasbourg": "Europe/Paris",
    "Brussels": "Europe/Brussels",
    "Liège": "Europe/Brussels",
    "Luxembourg": "Europe/Luxembourg",
    "Amsterdam": "Europe/Amsterdam",
    "Rotterdam": "Europe/Amsterdam",
    "Utrecht": "Europe/Amsterdam",
    "The Hague": "Europe/Amsterdam",
    "Eindhoven": "Europe/Amsterdam",
    "Groningen": "Europe/Amsterdam",
    "Delft": "Europe/Amsterdam",
    "Antwerp": "Europe/Brussels",
    "Ghent": "Europe/Brussels",
    "Leuven": "Europe/Brussels",
    "Berlin": "Europe/Berlin",
    "Munich": "Europe/Berlin",
    "Hamburg": "Europe/Berlin",
    "Cologne": "Europe/Berlin",
    "Frankfurt": "Europe/Berlin",
    "Stuttgart": "Europe/Berlin",
    "Leipzig": "Europe/Berlin",
    "Düsseldorf": "Europe/Berlin",
    "Vienna": "Europe/Vienna",
    "Graz": "Europe/Vienna",
    "Zurich": "Europe/Zurich",
    "Basel": "Europe/Zurich",
    "Bern": "Europe/Zurich",
    "Madrid": "Europe/Madrid",
    "Barcelona": "Europe/Madrid",
    "Valencia": "Europe/Madrid",
    "Seville": "Europe/Madrid",
    "Bilbao": "Europe/Madrid",
    "Málaga": "Europe/Madrid",
    "Zaragoza": "Europe/Madrid",
    "San Sebastián": "Europe/Madrid",
    "Las Palmas": "Atlantic/Canary",
    "Milan": "Europe/Rome",
    "Rome": "Europe/Rome",
    "Turin": "Europe/Rome",
    "Bologna": "Europe/Rome",
    "Florence": "Europe/Rome",
    "Naples": "Europe/Rome",
    "Genoa": "Europe/Rome",
    "Bari": "Europe/Rome",
    "Padua": "Europe/Rome",
    "Stockholm": "Europe/Stockholm",
    "Gothenburg": "Europe/Stockholm",
    "Malmö": "Europe/Stockholm",
    "Uppsala": "Europe/Stockholm",
    "Lund": "Europe/Stockholm",
    "Oslo": "Europe/Oslo",
    "Bergen": "Europe/Oslo",
    "Copenhagen": "Europe/Copenhagen",
    "Aarhus": "Europe/Copenhagen",
    "Warsaw": "Europe/Warsaw",
    "Kraków": "Europe/Warsaw",
    "Wrocław": "Europe/Warsaw",
    "Gdańsk": "Europe/Warsaw",
    "Poznań": "Europe/Warsaw",
    "Łódź": "Europe/Warsaw",
    "Katowice": "Europe/Warsaw",
    "Lublin": "Europe/Warsaw",
    "Istanbul": "Europe/Istanbul",
    "Ankara": "Europe/Istanbul",
    "İzmir": "Europe/Istanbul",
    "Bursa": "Europe/Istanbul",
    "Antalya": "Europe/Istanbul",
    "Eskişehir": "Europe/Istanbul",
    "Cairo": "Africa/Cairo",
    "Alexandria": "Africa/Cairo",
    "Dubai": "Asia/Dubai",
    "Abu Dhabi": "Asia/Dubai",
    "Amman": "Asia/Amman",
    "Riyadh": "Asia/Riyadh",
    "Jeddah": "Asia/Riyadh",
    "Beirut": "Asia/Beirut",
    "Casablanca": "Africa/Casablanca",
    "Rabat": "Africa/Casablanca",
    "Tunis": "Africa/Tunis",
    "Lagos": "Africa/Lagos",
    "Abuja": "Africa/Lagos",
    "Ibadan": "Africa/Lagos",
    "Port Harcourt": "Africa/Lagos",
    "Kano": "Africa/Lagos",
    "Enugu": "Africa/Lagos",
    "Accra": "Africa/Accra",
    "Kumasi": "Africa/Accra",
    "Nairobi": "Africa/Nairobi",
    "Mombasa": "Africa/Nairobi",
    "Kisumu": "Africa/Nairobi",
    "Nakuru": "Africa/Nairobi",
    "Eldoret": "Africa/Nairobi",
    "Kampala": "Africa/Kampala",
    "Entebbe": "Africa/Kampala",
    "Dar es Salaam": "Africa/Dar_es_Salaam",
    "Arusha": "Africa/Dar_es_Salaam",
    "Johannesburg": "Africa/Johannesburg",
    "Cape Town": "Africa/Johannesburg",
    "Durban": "Africa/Johannesburg",
    "Pretoria": "Africa/Johannesburg",
    "Gqeberha": "Africa/Johannesburg",
    "Stellenbosch": "Africa/Johannesburg",
    "Bloemfontein": "Africa/Johannesburg",
    "Karachi": "Asia/Karachi",
    "Lahore": "Asia/Karachi",
    "Islamabad": "Asia/Karachi",
    "Rawalpindi": "Asia/Karachi",
    "Faisalabad": "Asia/Karachi",
    "Peshawar": "Asia/Karachi",
    "Multan": "Asia/Karachi",
    "Bengaluru": "Asia/Kolkata",
    "Mumbai": "Asia/Kolkata",
    "Delhi": "Asia/Kolkata",
    "Hyderabad": "Asia/Kolkata",
    "Chennai": "Asia/Kolkata",
    "Pune": "Asia/Kolkata",
    "Kolkata": "Asia/Kolkata",
    "Ahmedabad": "Asia/Kolkata",
    "Kochi": "Asia/Kolkata",
    "Jaipur": "Asia/Kolkata",
    "Gurugram": "Asia/Kolkata",
    "Noida": "Asia/Kolkata",
    "Kathmandu": "Asia/Kathmandu",
    "Lalitpur": "Asia/Kathmandu",
    "Pokhara": "Asia/Kathmandu",
    "Bhaktapur": "Asia/Kathmandu",
    "Biratnagar": "Asia/Kathmandu",
    "Butwal": "Asia/Kathmandu",
    "Dharan": "Asia/Kathmandu",
    "Bangkok": "Asia/Bangkok",
    "Chiang Mai": "Asia/Bangkok",
    "Phuket": "Asia/Bangkok",
    "Khon Kaen": "Asia/Bangkok",
    "Nonthaburi": "Asia/Bangkok",
    "Chon Buri": "Asia/Bangkok",
    "Seoul": "Asia/Seoul",
    "Busan": "Asia/Seoul",
    "Incheon": "Asia/Seoul",
    "Daejeon": "Asia/Seoul",
    "Seongnam": "Asia/Seoul",
    "Daegu": "Asia/Seoul",
    "Suwon": "Asia/Seoul",
    "Tokyo": "Asia/Tokyo",
    "Osaka": "Asia/Tokyo",
    "Kyoto": "Asia/Tokyo",
    "Fukuoka": "Asia/Tokyo",
    "Yokohama": "Asia/Tokyo",
    "Nagoya": "Asia/Tokyo",
    "Sapporo": "Asia/Tokyo",
    "Sendai": "Asia/Tokyo",
    "Kobe": "Asia/Tokyo",
    "Singapore": "Asia/Singapore",
    "Kuala Lumpur": "Asia/Kuala_Lumpur",
    "Petaling Jaya": "Asia/Kuala_Lumpur",
    "Penang": "Asia/Kuala_Lumpur",
    "Johor Bahru": "Asia/Kuala_Lumpur",
    "Cyberjaya": "Asia/Kuala_Lumpur",
    "Jakarta": "Asia/Jakarta",
    "Bandung": "Asia/Jakarta",
    "Surabaya": "Asia/Jakarta",
    "Yogyakarta": "Asia/Jakarta",
    "Semarang": "Asia/Jakarta",
    "Medan": "Asia/Jakarta",
    "Malang": "Asia/Jakarta",
    "Denpasar": "Asia/Makassar",
    "Makassar": "Asia/Makassar",
    "Manila": "Asia/Manila",
    "Makati": "Asia/Manila",
    "Quezon City": "Asia/Manila",
    "Cebu City": "Asia/Manila",
    "Davao City": "Asia/Manila",
    "Taguig": "Asia/Manila",
    "Pasig": "Asia/Manila",
    "Iloilo City": "Asia/Manila",
    "Ho Chi Minh City": "Asia/Ho_Chi_Minh",
    "Hanoi": "Asia/Ho_Chi_Minh",
    "Da Nang": "Asia/Ho_Chi_Minh",
    "Hai Phong": "Asia/Ho_Chi_Minh",
    "Can Tho": "Asia/Ho_Chi_Minh",
    "Hue": "Asia/Ho_Chi_Minh",
    "Sydney": "Australia/Sydney",
    "Canberra": "Australia/Sydney",
    "Newcastle": "Australia/Sydney",
    "Melbourne": "Australia/Melbourne",
    "Geelong": "Australia/Melbourne",
    "Brisbane": "Australia/Brisbane",
    "Gold Coast": "Australia/Brisbane",
    "Perth": "Australia/Perth",
    "Adelaide": "Australia/Adelaide",
    "Hobart": "Australia/Hobart",
    "Auckland": "Pacific/Auckland",
    "Wellington": "Pacific/Auckland",
    "Christchurch": "Pacific/Auckland",
}

AREAS: dict[str, Area] = {
    "engineering": Area(
        titles=(
            "Software Engineer",
            "Senior Software Engineer",
            "Staff Software Engineer",
            "Principal Engineer",
            "Tech Lead",
            "Engineering Manager",
            "Senior Engineering Manager",
            "Director of Engineering",
            "Backend Engineer",
            "Frontend Engineer",
            "iOS Engineer",
            "Android Engineer",
            "Site Reliability Engineer",
            "Platform Engineer",
            "Security Engineer",
            "Embedded Software Engineer",
            "QA Automation Lead",
            "DevOps Engineer",
        ),
        companies_kinds=(
            "a fintech scale-up",
            "a global bank",
            "a public hospital network",
            "a logistics startup",
            "an open-source foundation",
            "a cloud infrastructure provider",
            "a video game studio",
            "an e-commerce marketplace",
            "a government digital service",
            "a climate-tech startup",
            "a telecom operator",
            "a developer-tools company",
            "an automotive supplier",
            "a ride-hailing platform",
            "a music streaming service",
        ),
        headline_templates=(
            "{title} at {company} · code review, system design and growth",
            "{title} at {company} · distributed systems and calm on-call",
            "{title} at {company} · pragmatic architecture over shiny tools",
            "{title} at {company} · helping engineers write clearer design docs",
            "{title} at {company} · testing, refactoring and legacy code rescue",
            "{title} at {company} · ask me about interviews and promotions",
            "{title} at {company} — reliable software, built by small teams",
            "Helping engineers grow to senior · {title} at {company}",
        ),
        bio_sentences=(
            (
                "I've been writing software professionally for {years} years, mostly on backend "
                "services where downtime is expensive."
            ),
            (
                "Over {years} years I've worked in companies of five people and of fifty thousand, "
                "and the fundamentals matter in both."
            ),
            (
                "I see code review as a teaching tool rather than a gate, and I'm happy to review "
                "yours."
            ),
            (
                "A lot of my work has involved breaking up old monoliths without stopping the "
                "business."
            ),
            (
                "I've sat on hundreds of interview panels, so I can tell you what interviewers "
                "actually look for."
            ),
            "I enjoy helping people turn vague tickets into small, shippable pieces of work.",
            (
                "I moved into software from a physics degree, so I know what it feels like to "
                "learn everything on the job."
            ),
            "I'm happiest when I'm helping someone debug their thinking, not just their code.",
            (
                "I've led incident reviews after some painful outages, and I'm a firm believer in "
                "blameless postmortems."
            ),
            (
                "I like helping engineers who feel stuck at mid-level work out what 'senior' means "
                "at their company."
            ),
            (
                "Writing is underrated in engineering, and I can help you write design docs that "
                "people actually read."
            ),
            (
                "I've mentored interns, bootcamp graduates and career changers, and I enjoy "
                "working with all three."
            ),
            (
                "I'm comfortable talking about the awkward parts of the job too: on-call stress, "
                "impostor feelings and tough reviews."
            ),
            (
                "At one point I spent two years on internal developer tooling, which left me with "
                "strong opinions about CI pipelines."
            ),
            (
                "Outside work I contribute to open-source projects and help maintain a small "
                "testing library."
            ),
            (
                "If you're weighing a job offer, I'm happy to help you read between the lines of "
                "the engineering culture."
            ),
            "{years} years in, I still learn something from every junior engineer I pair with.",
            (
                "I care about accessibility and performance, because both are really about "
                "respecting the people who use our software."
            ),
        ),
        mentee_questions=(
            "How do I prepare for a system design interview at a mid-size company in three weeks?",
            "My team's legacy codebase has almost no tests. Where do I even start?",
            "How can I show senior-level impact when I'm mostly assigned small tickets?",
            "Should I specialize in backend work or stay a generalist for my first two years?",
            "How do I give code review feedback to someone more senior than me?",
            "What should a good design doc include for a feature that will take a month to build?",
            "I've been offered a tech lead role. How do I know if I'm ready?",
            "How do I get my first open-source contribution accepted?",
            "How do I stop freezing up during live coding interviews?",
            "Is it worth learning Go or Rust when my day job is all Python?",
            "How do I handle being on call without burning out?",
            "What's a realistic path from manual QA into software development?",
            "How do I explain technical debt to a product manager in business terms?",
            "How do I estimate work when every estimate I give turns out to be wrong?",
        ),
        goals=(
            "Get promoted to senior engineer within a year",
            "Move from frontend work into a full-stack role",
            "Lead the design of a major system from proposal to launch",
            "Land a first software engineering job after a bootcamp",
            "Make the switch from individual contributor to engineering manager",
            "Become a regular maintainer of an open-source project",
            "Build the confidence to speak up in architecture reviews",
            "Move into security engineering within two years",
            "Reach staff engineer without giving up hands-on work",
        ),
    ),
    "data": Area(
        titles=(
            "Data Analyst",
            "Senior Data Analyst",
            "Data Scientist",
            "Senior Data Scientist",
            "Lead Data Scientist",
            "Machine Learning Engineer",
            "Data Engineer",
            "Analytics Engineer",
            "Head of Data",
            "Director of Analytics",
            "Research Scientist",
            "Applied Scientist",
            "BI Developer",
            "MLOps Engineer",
            "Product Analyst",
            "Statistician",
        ),
        companies_kinds=(
            "a streaming service",
            "a national statistics office",
            "a health insurer",
            "a supermarket chain",
            "a sports analytics startup",
            "a global consumer-goods company",
            "a mobility startup",
            "a research university",
            "an energy utility",
            "a travel booking platform",
            "a fintech scale-up",
            "a public health agency",
            "a weather forecasting service",
        ),
        headline_templates=(
            "{title} at {company} · turning messy data into decisions",
            "{title} at {company} · SQL, experimentation and honest dashboards",
            "{title} at {company} · ML in production, not just in notebooks",
            "{title} at {company} · happy to review your portfolio projects",
            "{title} at {company} · statistics explained without the jargon",
            "{title} at {company} · data pipelines that don't break at 3 a.m.",
            "{title} at {company} — A/B tests, forecasting and stakeholder trust",
            "Helping analysts grow into data science · {title} at {company}",
        ),
        bio_sentences=(
            (
                "I've worked with data for {years} years, from spreadsheets and SQL to models "
                "running in production."
            ),
            "Most of my time goes into framing the right question before anyone writes a query.",
            (
                "I've designed and analyzed hundreds of A/B tests, including plenty that told us "
                "something we didn't want to hear."
            ),
            (
                "I enjoy helping analysts build the statistical confidence to push back on a "
                "misleading chart."
            ),
            "I came to data from a PhD in ecology, so I know the academia-to-industry jump well.",
            (
                "I'm a strong believer that a clear SQL query beats a clever model nobody can "
                "maintain."
            ),
            (
                "I've been on both sides of data hiring loops, so I can tell you what a take-home "
                "task is really testing."
            ),
            (
                "I like reviewing portfolios and telling people which projects will actually "
                "impress a hiring manager."
            ),
            (
                "I've done my share of data engineering too: pipelines, quality checks and the "
                "occasional late-night backfill."
            ),
            "I can help you communicate uncertainty to stakeholders who just want a single number.",
            "I care about responsible use of data, especially privacy and bias in models.",
            (
                "I've built forecasting models for demand, staffing and energy use, and I'm happy "
                "to talk through the trade-offs."
            ),
            "I'm glad to pair on a notebook, a dbt project or a tricky window function.",
            "I believe the best analysts are curious about the business, not just the data.",
            (
                "If you're choosing between analytics, data science and ML engineering, I can walk "
                "you through what each day actually looks like."
            ),
            (
                "After {years} years, I still find data cleaning the most revealing part of any "
                "project."
            ),
            (
                "I've moved models from prototype to production several times and learned most of "
                "the lessons the hard way."
            ),
        ),
        mentee_questions=(
            (
                "How do I build a portfolio project that shows business impact, not just a "
                "leaderboard score?"
            ),
            (
                "My manager wants a dashboard for everything. How do I steer them toward fewer, "
                "better metrics?"
            ),
            "How much statistics do I really need for a product analyst role?",
            "What's the best way to explain an inconclusive A/B test to leadership?",
            "Should I learn dbt, Spark or Airflow first as an aspiring data engineer?",
            "How do I move from routine reporting to more exploratory analysis?",
            "How do I prepare for a data science case interview in two weeks?",
            "How do I know when my model is good enough to ship?",
            "I'm a biology PhD student. How do I translate my research into a data science CV?",
            (
                "How should I handle a stakeholder who only wants numbers that support a decision "
                "already made?"
            ),
            "What does a realistic first 90 days look like as the only data person at a startup?",
            (
                "How do I get hands-on experience with production machine learning if my company "
                "doesn't do any?"
            ),
            "How do I make my SQL readable enough that teammates can review it?",
        ),
        goals=(
            "Move from data analyst to data scientist within eighteen months",
            "Ship my first machine learning model to production",
            "Become the go-to person for experimentation at my company",
            "Land a data engineering role after working in software QA",
            "Build a public portfolio of three strong analysis projects",
            "Lead a small analytics team",
            "Get comfortable presenting findings to senior leadership",
            "Move from academic research into an industry data role",
        ),
    ),
    "design": Area(
        titles=(
            "Product Designer",
            "Senior Product Designer",
            "Lead Product Designer",
            "Principal Designer",
            "UX Researcher",
            "Senior UX Researcher",
            "Design Manager",
            "Head of Design",
            "Content Designer",
            "Interaction Designer",
            "Visual Designer",
            "Design Systems Lead",
            "Service Designer",
            "UX Writer",
            "Accessibility Specialist",
        ),
        companies_kinds=(
            "a design agency",
            "a banking app",
            "a public-sector digital team",
            "a health-tech startup",
            "an online learning platform",
            "a consumer electronics brand",
            "a SaaS company",
            "a travel app",
            "an international non-profit",
            "a food-delivery platform",
            "a games publisher",
            "a furniture retailer",
        ),
        headline_templates=(
            "{title} at {company} · portfolio reviews and honest critique",
            "{title} at {company} · accessible, inclusive design by default",
            "{title} at {company} · research that changes roadmaps",
            "{title} at {company} · design systems, craft and collaboration",
            "{title} at {company} · helping designers present their work",
            "{title} at {company} · words, flows and usability testing",
            "{title} at {company} — happy to talk career switches into UX",
            "Designing for people in a hurry · {title} at {company}",
        ),
        bio_sentences=(
            (
                "I've been designing digital products for {years} years, across agencies, startups "
                "and the public sector."
            ),
            (
                "I run portfolio reviews regularly and I'm happy to tell you what works and what "
                "to cut."
            ),
            (
                "Accessibility isn't an add-on for me, and I can help you build it into your "
                "process from day one."
            ),
            (
                "I love helping designers explain the why behind their decisions to engineers and "
                "stakeholders."
            ),
            (
                "I moved into design from architecture, so I understand the anxiety of a career "
                "switch."
            ),
            (
                "Much of my work involves talking to users, and I can help you plan research on a "
                "tiny budget."
            ),
            (
                "I've helped build a design system used by several product teams, so I have "
                "opinions about tokens and naming."
            ),
            "I enjoy critique sessions that focus on the problem rather than on pixels.",
            (
                "Content design is close to my heart: most usability problems I've seen were "
                "really word problems."
            ),
            (
                "I've hired designers at several levels and can explain what separates a good case "
                "study from a great one."
            ),
            "I'm happy to talk about the day-to-day reality of being the only designer on a team.",
            "I believe good design is mostly clear thinking, written down and tested early.",
            (
                "After {years} years, I still learn the most by watching someone use a prototype "
                "for the first time."
            ),
            (
                "I help people prepare for whiteboard challenges and app critiques in design "
                "interviews."
            ),
            (
                "I've worked closely with researchers, engineers and lawyers, sometimes all in the "
                "same meeting."
            ),
            "I like helping designers find their voice in product strategy discussions.",
            (
                "Over {years} years I've learned that the best design feedback is specific, kind "
                "and tied to a goal."
            ),
        ),
        mentee_questions=(
            "How many case studies should my portfolio have, and how long should each one be?",
            "How do I show impact in a case study when the project never launched?",
            "What's the best way to run usability tests with five users and no budget?",
            "How do I push back when a product manager wants to skip research?",
            "How do I move from graphic design into UX without going back to school?",
            "How do I prepare for a live app critique in a design interview?",
            "My design system keeps getting ignored. How do I get teams to adopt it?",
            "How do I keep designs accessible when the brand colors fail contrast checks?",
            "Should I specialize in research or stay a generalist product designer?",
            "How do I present design work to executives who only have ten minutes?",
            "How should I work with engineers who change designs during implementation?",
            "How do I price freelance UX work for a small business client?",
        ),
        goals=(
            "Land a first product design role after a career change",
            "Grow into a lead designer role within two years",
            "Build a design portfolio that gets interview callbacks",
            "Become the accessibility champion in my organization",
            "Set up a research practice at a company that has none",
            "Move into design management while keeping some hands-on work",
            "Launch a design system that several teams rely on",
            "Work freelance with a steady base of three or four clients",
        ),
    ),
    "product": Area(
        titles=(
            "Product Manager",
            "Senior Product Manager",
            "Associate Product Manager",
            "Group Product Manager",
            "Principal Product Manager",
            "Director of Product",
            "VP of Product",
            "Head of Product",
            "Technical Product Manager",
            "Product Owner",
            "Growth Product Manager",
            "Product Operations Lead",
            "Chief Product Officer",
        ),
        companies_kinds=(
            "a B2B SaaS company",
            "a marketplace startup",
            "a banking app",
            "an online learning platform",
            "a health-tech scale-up",
            "a media company",
            "a logistics platform",
            "an insurance company",
            "a gaming company",
            "a developer platform",
            "a public-sector digital team",
            "a property-tech startup",
        ),
        headline_templates=(
            "{title} at {company} · discovery, prioritization and saying no",
            "{title} at {company} · from customer problem to shipped product",
            "{title} at {company} · happy to help you break into product",
            "{title} at {company} · roadmaps people actually believe",
            "{title} at {company} · metrics, experiments and clear writing",
            "{title} at {company} · working well with engineering and design",
            "{title} at {company} — ask me about PM interviews and first 90 days",
            "Product sense, strategy and honest trade-offs · {title} at {company}",
        ),
        bio_sentences=(
            (
                "I've worked in product for {years} years, on both consumer apps and internal "
                "platforms."
            ),
            (
                "I spend a lot of my time helping teams agree on which problem they are actually "
                "solving."
            ),
            (
                "I moved into product from customer support, which taught me more about users than "
                "any framework."
            ),
            "I enjoy helping new product managers build a lightweight discovery habit.",
            "I've written more strategy documents than I can count, and I'm happy to review yours.",
            "Prioritization is a skill, not a spreadsheet, and I like helping people practice it.",
            (
                "I've run PM interview loops and can give you candid feedback on product sense and "
                "execution answers."
            ),
            (
                "I care about healthy relationships between product, design and engineering, and I "
                "can help you repair strained ones."
            ),
            (
                "Most of my launches taught me something, and a few of the failures taught me the "
                "most."
            ),
            (
                "I like working through real examples, so bring a roadmap, a spec or a metric "
                "that's moving the wrong way."
            ),
            (
                "I've worked on regulated products, so I know how to move quickly without "
                "upsetting compliance."
            ),
            (
                "Over {years} years I've learned that the best roadmap is the one the team "
                "understands and believes in."
            ),
            (
                "I'm happy to talk through the jump from a delivery-focused product owner role to "
                "product management with real ownership."
            ),
            (
                "I believe great product managers write clearly, listen carefully and stay curious "
                "about the numbers."
            ),
            (
                "I mentor because someone once spent an hour untangling my first roadmap, and it "
                "changed my career."
            ),
            (
                "I can help you figure out which product path fits you: growth, platform, "
                "technical or consumer."
            ),
        ),
        mentee_questions=(
            "How do I move into product management from a software engineering role?",
            (
                "How do I say no to a senior stakeholder's feature request without damaging the "
                "relationship?"
            ),
            "What does a good product spec look like for a two-week project?",
            "How do I prepare for a product sense interview at a consumer tech company?",
            "How do I choose a success metric for a feature with no obvious revenue impact?",
            "My team ships a lot but nothing moves the needle. What should I look at first?",
            "How do I run customer discovery interviews without leading the customer to my answer?",
            "How do I build credibility with engineers when I don't have a technical background?",
            "What should I focus on in my first 90 days as a new product manager?",
            "How do I turn a long list of customer requests into a roadmap?",
            "How do I know whether I'm ready for a senior product manager title?",
            "How do I write a product strategy when leadership keeps changing direction?",
        ),
        goals=(
            "Move into a product manager role within a year",
            "Own a product area end to end, including its revenue targets",
            "Become a group product manager leading other PMs",
            "Build a strong discovery practice in my team",
            "Get better at presenting strategy to executives",
            "Launch a product that reaches its first thousand paying customers",
            "Move from a delivery-focused product owner role into product strategy",
            "Get comfortable making decisions with incomplete data",
        ),
    ),
    "marketing": Area(
        titles=(
            "Marketing Manager",
            "Senior Marketing Manager",
            "Content Marketing Lead",
            "Brand Manager",
            "Growth Marketer",
            "Performance Marketing Manager",
            "Product Marketing Manager",
            "SEO Specialist",
            "Social Media Lead",
            "Lifecycle Marketing Manager",
            "Community Manager",
            "Marketing Analyst",
            "Head of Marketing",
            "Chief Marketing Officer",
        ),
        companies_kinds=(
            "a consumer brand",
            "a B2B software company",
            "a fashion retailer",
            "a creative agency",
            "a sportswear brand",
            "a travel company",
            "a beverage company",
            "a wildlife charity",
            "an e-commerce startup",
            "a cosmetics company",
            "a streaming platform",
            "a university",
            "a consumer fintech app",
        ),
        headline_templates=(
            "{title} at {company} · brand, storytelling and measurable growth",
            "{title} at {company} · campaigns that earn attention, not just clicks",
            "{title} at {company} · positioning, messaging and launches",
            "{title} at {company} · SEO, content and patient compounding",
            "{title} at {company} · happy to review your campaign plan",
            "{title} at {company} · performance marketing with a brand heart",
            "{title} at {company} — lifecycle, CRM and customer retention",
            "Helping marketers earn a seat at the table · {title} at {company}",
        ),
        bio_sentences=(
            "I've worked in marketing for {years} years, on both the agency and the in-house side.",
            "I love the overlap between creative ideas and hard numbers.",
            (
                "I've launched products in more than a dozen markets and learned a lot about "
                "localization along the way."
            ),
            "I enjoy helping marketers write positioning statements that sales teams actually use.",
            (
                "I started out in journalism, which is why I still judge every campaign by its "
                "headline."
            ),
            (
                "I've spent a good part of my career in performance marketing, so I'm comfortable "
                "talking budgets, attribution and creative testing."
            ),
            (
                "I believe strong brands are built through many consistent small decisions, not "
                "one big campaign."
            ),
            "I can help you build a content plan you can sustain as a team of one.",
            (
                "I've managed agencies and freelancers, and I'm happy to share what makes those "
                "relationships work."
            ),
            (
                "I'm glad to review campaign briefs, marketing plans or your portfolio before an "
                "interview."
            ),
            "I like helping early-career marketers decide whether to specialize or stay broad.",
            (
                "Customer research is my favorite part of the job, and it's the step I see skipped "
                "most often."
            ),
            (
                "Over {years} years I've seen channels come and go, but the basics of knowing your "
                "audience haven't changed."
            ),
            (
                "I've worked with tight non-profit budgets and big brand budgets, and the small "
                "ones demanded more creativity."
            ),
            "I can help you present marketing results in terms a finance team will respect.",
            "I care about ethical marketing and clear, honest claims.",
        ),
        mentee_questions=(
            (
                "How do I prove the value of brand work when leadership only looks at last-click "
                "attribution?"
            ),
            "What should a marketing portfolio include if most of my work is under NDA?",
            "How do I build a content calendar for a B2B product as a team of one?",
            "Should I specialize in performance marketing or stay a generalist?",
            "How do I write a creative brief that an agency can actually work with?",
            "How do I plan a product launch with a small budget and a hard deadline?",
            "Which marketing metrics should I report to the CEO every month?",
            "How do I move from social media management into a broader marketing role?",
            "How do I get better results from email campaigns without sending more emails?",
            "How do I prepare for a product marketing interview at a SaaS company?",
            "How do I adapt a campaign for markets where I don't speak the language?",
            "How can I learn marketing analytics if I don't think of myself as a numbers person?",
        ),
        goals=(
            "Become head of marketing at a growing company",
            "Move from agency work to an in-house brand role",
            "Build a portfolio of campaigns with measurable results",
            "Get promoted to senior product marketing manager",
            "Learn enough analytics to run my own attribution analysis",
            "Lead a full product launch from positioning to post-launch review",
            "Grow an organic audience without relying on paid ads",
            "Switch into marketing from a customer-facing role",
        ),
    ),
    "sales": Area(
        titles=(
            "Account Executive",
            "Senior Account Executive",
            "Enterprise Account Executive",
            "Sales Development Rep",
            "Sales Manager",
            "Regional Sales Director",
            "VP of Sales",
            "Customer Success Manager",
            "Head of Customer Success",
            "Solutions Engineer",
            "Partnerships Manager",
            "Key Account Manager",
            "Revenue Operations Manager",
            "Business Development Manager",
        ),
        companies_kinds=(
            "a B2B software company",
            "a medical devices company",
            "an industrial equipment maker",
            "a cybersecurity vendor",
            "a freight company",
            "a payments provider",
            "a media group",
            "an HR software startup",
            "a telecom operator",
            "a wine and spirits distributor",
            "a cloud software vendor",
            "a commercial real estate firm",
        ),
        headline_templates=(
            "{title} at {company} · consultative selling and honest pipelines",
            "{title} at {company} · discovery calls, negotiation and closing",
            "{title} at {company} · helping new reps find their rhythm",
            "{title} at {company} · long sales cycles and complex deals",
            "{title} at {company} · ask me about breaking into tech sales",
            "{title} at {company} · customer trust first, quota follows",
            "{title} at {company} — forecasting, coaching and territory planning",
            "Happy to role-play your next tough call · {title} at {company}",
        ),
        bio_sentences=(
            (
                "I've worked in sales and customer-facing roles for {years} years, mostly selling "
                "to other businesses."
            ),
            (
                "I believe good selling is mostly good listening and genuine interest in the "
                "customer's problem."
            ),
            (
                "I've sold to very different buyers, from hospital procurement teams to factory "
                "owners, and each taught me a different kind of patience."
            ),
            (
                "I enjoy role-playing difficult calls: pricing objections, procurement pushback "
                "and the dreaded 'let's circle back'."
            ),
            "I started in hospitality, which turned out to be perfect training for sales.",
            "I can help you build a simple prospecting routine that doesn't rely on spam.",
            (
                "I've coached new reps through their first quarters, and I know how lonely a slow "
                "pipeline can feel."
            ),
            (
                "Negotiation is my favorite topic, and I'm happy to walk through a real deal "
                "you're working on."
            ),
            (
                "I care about forecasting honestly, even when the number isn't what leadership "
                "wants to hear."
            ),
            (
                "I've moved between sales and customer success, so I understand both sides of the "
                "handover."
            ),
            (
                "I'm happy to help you prepare for sales interviews, including mock pitches and "
                "mock discovery calls."
            ),
            (
                "Over {years} years I've learned that the best deals are the ones where the "
                "customer would happily buy again."
            ),
            (
                "I can help you write cold emails that are short, specific and respectful of the "
                "reader's time."
            ),
            (
                "I enjoy working with people from non-traditional backgrounds who are curious "
                "about tech sales."
            ),
            (
                "Account planning for large customers is something I can help you structure step "
                "by step."
            ),
            "I believe you can hit your number and still be the person customers trust.",
        ),
        mentee_questions=(
            "How do I handle a prospect who says our price is twice the competitor's?",
            "What does a good discovery call look like for an enterprise deal?",
            "How do I move from sales development into an account executive role?",
            "How do I build a pipeline when I've just inherited an empty territory?",
            "How do I negotiate with a procurement team that wants a 30% discount?",
            "What should I do when my champion leaves the customer's company mid-deal?",
            "How do I prepare a mock pitch for a sales interview?",
            "How do I stay motivated after losing three deals in a row?",
            "How do I forecast accurately when my manager pushes for a bigger number?",
            "How do I move from teaching into tech sales?",
            "How do I run a quarterly business review that customers actually value?",
            "How do I write a cold email that gets a reply from a CFO?",
        ),
        goals=(
            "Get promoted from SDR to account executive within a year",
            "Close my first six-figure enterprise deal",
            "Move into sales leadership and manage a team of reps",
            "Break into tech sales from a retail or hospitality background",
            "Build a book of business driven by referrals",
            "Hit quota for four quarters in a row",
            "Move from sales into customer success or partnerships",
            "Become a solutions engineer by building more technical depth",
        ),
    ),
    "finance": Area(
        titles=(
            "Financial Analyst",
            "Senior Financial Analyst",
            "FP&A Manager",
            "Finance Business Partner",
            "Financial Controller",
            "Chief Financial Officer",
            "Head of Finance",
            "Investment Analyst",
            "Portfolio Manager",
            "Risk Manager",
            "Internal Auditor",
            "Tax Manager",
            "Treasury Analyst",
            "Management Accountant",
            "Chartered Accountant",
        ),
        companies_kinds=(
            "a global bank",
            "an asset manager",
            "an accounting firm",
            "a manufacturing group",
            "a fintech scale-up",
            "a pension fund",
            "a venture capital firm",
            "a public hospital network",
            "a retail group",
            "a renewable energy developer",
            "an insurance company",
            "a family-owned business",
            "a regional credit union",
        ),
        headline_templates=(
            "{title} at {company} · models, budgets and clear storytelling",
            "{title} at {company} · turning numbers into decisions",
            "{title} at {company} · happy to talk finance careers and qualifications",
            "{title} at {company} · spreadsheets that others can actually audit",
            "{title} at {company} · forecasting, cash flow and calm month-ends",
            "{title} at {company} · risk, controls and asking good questions",
            "{title} at {company} — ask me about CFA, ACCA or CPA paths",
            "Helping analysts become business partners · {title} at {company}",
        ),
        bio_sentences=(
            (
                "I've worked in finance for {years} years, in a mix of audit, planning and "
                "corporate finance roles."
            ),
            "I like helping analysts build models that someone else can pick up and trust.",
            (
                "I started my career in audit, which gave me a healthy respect for controls and "
                "documentation."
            ),
            (
                "I enjoy translating financial results into plain language for managers outside "
                "finance."
            ),
            (
                "I studied for professional exams while working full time, and I'm happy to share "
                "what helped."
            ),
            (
                "Much of my work is about forecasting cash, which is less glamorous than valuation "
                "and often more important."
            ),
            (
                "I've been through many year-end closes, two system migrations and one "
                "acquisition, and I'm happy to share the scars."
            ),
            "I can help you get comfortable presenting to a CFO or a board.",
            "I believe finance should be a partner to the business, not the department of no.",
            (
                "I'm happy to review your model structure, your CV or your case-study answers "
                "before an interview."
            ),
            (
                "I've worked in both investment and corporate finance, so I can explain the "
                "trade-offs between the two paths."
            ),
            (
                "Over {years} years I've learned that the best analysts ask 'why' before they ask "
                "'how much'."
            ),
            (
                "I enjoy mentoring people who came to finance from other fields, such as "
                "engineering or the sciences."
            ),
            "I'm slightly obsessive about spreadsheet hygiene, and I can teach it quickly.",
            (
                "I care about making finance more open, and I especially enjoy supporting "
                "first-generation professionals."
            ),
            (
                "I can help you think through a move from a big firm to a smaller company, where "
                "you'll wear many hats."
            ),
        ),
        mentee_questions=(
            "Should I study for the CFA or an accounting qualification if I want to work in FP&A?",
            "How do I structure a three-statement model so my manager can follow it?",
            "How do I explain a budget variance to a department head who is defensive about it?",
            "How do I move from audit into a finance role in industry?",
            "What does a finance business partner actually do day to day?",
            "How do I prepare for a valuation case study in an investment interview?",
            "How do I speed up a month-end close that takes ten working days?",
            "How do I present a cash-flow forecast to a board for the first time?",
            "Is it realistic to move from banking into a startup finance role?",
            "How do I build a rolling forecast when the business keeps changing?",
            "Which Excel or SQL skills should I prioritize as a junior analyst?",
            "How do I challenge a senior leader's numbers without seeming confrontational?",
        ),
        goals=(
            "Pass my professional accounting exams within two years",
            "Move from audit into corporate finance",
            "Become a finance business partner to a commercial team",
            "Step up to finance manager or controller",
            "Build a strong financial modeling portfolio for investment roles",
            "Become a CFO of a growing company one day",
            "Move into sustainable finance or impact investing",
            "Lead the finance function at a startup",
        ),
    ),
    "operations": Area(
        titles=(
            "Operations Manager",
            "Senior Operations Manager",
            "Head of Operations",
            "Chief Operating Officer",
            "Supply Chain Manager",
            "Logistics Coordinator",
            "Program Manager",
            "Project Manager",
            "Business Operations Lead",
            "Process Improvement Specialist",
            "Procurement Manager",
            "Customer Operations Manager",
            "Plant Manager",
            "Strategy & Operations Manager",
        ),
        companies_kinds=(
            "a logistics company",
            "a hospital network",
            "a food manufacturer",
            "an e-commerce marketplace",
            "an airline",
            "a construction firm",
            "a humanitarian NGO",
            "a ride-hailing platform",
            "a pharmaceutical company",
            "a supermarket chain",
            "a telecom operator",
            "a university",
            "a furniture maker",
        ),
        headline_templates=(
            "{title} at {company} · processes that help people, not slow them down",
            "{title} at {company} · supply chains, planning and problem solving",
            "{title} at {company} · lean, metrics and continuous improvement",
            "{title} at {company} · scaling teams and systems without chaos",
            "{title} at {company} · happy to talk project and program management",
            "{title} at {company} · calm under pressure, fond of checklists",
            "{title} at {company} — making cross-team work actually work",
            "Ask me about moving into operations · {title} at {company}",
        ),
        bio_sentences=(
            "I've worked in operations for {years} years, from warehouse floors to planning rooms.",
            "I love finding the small process change that saves a team hours every week.",
            (
                "I started out on the front line in customer service, so I always check how a "
                "process feels for the people doing it."
            ),
            (
                "I've led several system rollouts and learned that training matters as much as the "
                "technology."
            ),
            "I'm happy to help you map a messy process and decide what to fix first.",
            (
                "I care about safety and well-being as much as efficiency, and the best operations "
                "manage both."
            ),
            "I enjoy helping project managers who feel they spend their days chasing updates.",
            (
                "Much of my work has involved negotiating with suppliers, and I'm happy to share "
                "what I've learned."
            ),
            (
                "I've run operations through a product launch, a merger and a pandemic, so I'm "
                "comfortable with uncertainty."
            ),
            "I believe a good dashboard should tell you what to do next, not just what happened.",
            (
                "I can help you prepare for operations or strategy interviews, including "
                "case-style questions."
            ),
            (
                "Over {years} years I've learned that most bottlenecks are really communication "
                "problems."
            ),
            (
                "I'm happy to talk about certifications such as PMP or Six Sigma, and when they're "
                "worth the effort."
            ),
            "I like helping people in generalist roles tell a clear story about their impact.",
            (
                "I've worked across several countries and time zones, so I know how to run "
                "distributed operations."
            ),
            (
                "I mentor because operations careers are often invisible, and I want to help "
                "people make their work visible."
            ),
        ),
        mentee_questions=(
            (
                "How do I show the impact of operations work when smooth running looks like "
                "nothing happened?"
            ),
            "Is a PMP certification worth it for a move into program management?",
            "How do I prioritize process improvements when every team says theirs is urgent?",
            "How do I run a cross-team project when I have no authority over anyone involved?",
            "How do I prepare for a strategy and operations case interview at a tech company?",
            "What's the best way to introduce a new tool to a team that's happy with spreadsheets?",
            "How do I handle a supplier who keeps missing delivery dates?",
            "How do I move from a warehouse supervisor role into supply-chain planning?",
            "What should be on an operations dashboard for a team of thirty?",
            "How do I build a capacity plan for a fast-growing support team?",
            "How do I document processes so that people actually follow them?",
            "How can I move from operations into a chief of staff role?",
        ),
        goals=(
            "Become head of operations at a scale-up",
            "Move from project coordination into program management",
            "Lead a company-wide process improvement initiative",
            "Earn a supply-chain qualification and move into planning",
            "Get into a strategy and operations role at a tech company",
            "Build a reliable capacity planning process for my team",
            "Step into a COO role within the next five years",
            "Run operations for a non-profit working in several countries",
        ),
    ),
    "people": Area(
        titles=(
            "HR Business Partner",
            "Senior HR Business Partner",
            "People Operations Manager",
            "Talent Acquisition Lead",
            "Technical Recruiter",
            "Head of People",
            "Chief People Officer",
            "Learning & Development Manager",
            "Compensation & Benefits Manager",
            "Diversity & Inclusion Lead",
            "People Analytics Specialist",
            "Employee Experience Manager",
            "HR Generalist",
        ),
        companies_kinds=(
            "a global consulting firm",
            "a fast-growing startup",
            "a public university",
            "a retail group",
            "a tech scale-up",
            "a hospital network",
            "a manufacturing company",
            "a recruitment agency",
            "a children's charity",
            "a hotel group",
            "a financial services firm",
            "a city council",
        ),
        headline_templates=(
            "{title} at {company} · hiring, growth and fair processes",
            "{title} at {company} · helping managers handle hard conversations",
            "{title} at {company} · CV reviews and interview prep welcome",
            "{title} at {company} · building workplaces people want to stay in",
            "{title} at {company} · performance reviews that are actually useful",
            "{title} at {company} · learning, onboarding and career frameworks",
            "{title} at {company} — pay, policies and people data",
            "Ask me about moving into HR or recruiting · {title} at {company}",
        ),
        bio_sentences=(
            (
                "I've worked in HR and people roles for {years} years, in both small startups and "
                "large organizations."
            ),
            "I've read thousands of CVs and can quickly tell you what makes one stand out.",
            (
                "I enjoy helping new managers prepare for difficult conversations, including their "
                "first performance reviews."
            ),
            "I came to HR from teaching, and I still think of onboarding as lesson planning.",
            "I care deeply about fair hiring and can help you design structured interviews.",
            (
                "I've built career frameworks and promotion processes, so I know what makes them "
                "trusted or ignored."
            ),
            "I'm happy to help you negotiate an offer, including the parts beyond salary.",
            "Employee relations work taught me the value of listening before acting.",
            "I can help you make the case for people initiatives with data rather than anecdotes.",
            "I enjoy supporting people who are returning to work after a career break.",
            (
                "Over {years} years I've seen that most retention problems start with unclear "
                "expectations."
            ),
            (
                "I've recruited for engineering, sales and leadership roles, and each needs a "
                "different approach."
            ),
            "I'm happy to talk about moving from recruitment into broader HR business partnering.",
            "I believe HR should be a trusted advisor to employees and leaders alike.",
            "I've supported teams through restructures, and I know how much care they require.",
            (
                "I like helping people early in their HR career choose between generalist and "
                "specialist paths."
            ),
        ),
        mentee_questions=(
            "How do I negotiate a job offer when the company says the salary band is fixed?",
            "How do I move from recruitment into an HR business partner role?",
            "What makes a performance review process fair for both remote and office-based staff?",
            "How do I support a manager who avoids giving difficult feedback?",
            "How should I prepare for a competency-based interview?",
            "How do I make the business case for a mentoring program?",
            "How do I handle a complaint about a senior leader confidentially and fairly?",
            "Is a professional HR qualification worth it at this stage of my career?",
            "How do I explain a CV gap after two years of caring for a family member?",
            "How do I design a structured interview process for a fast-growing team?",
            "How do I use engagement survey results without overwhelming managers?",
            "What should a good onboarding plan for a new engineer include?",
        ),
        goals=(
            "Move from recruiting into an HR business partner role",
            "Become head of people at a scale-up",
            "Build a fair, transparent promotion process for my company",
            "Earn a professional HR qualification",
            "Launch a company-wide learning and development program",
            "Specialize in people analytics",
            "Return to HR work confidently after a career break",
            "Lead diversity and inclusion work with measurable outcomes",
        ),
    ),
    "management": Area(
        titles=(
            "Team Lead",
            "Senior Manager",
            "Department Head",
            "Regional Manager",
            "General Manager",
            "Store Manager",
            "Head of Customer Support",
            "Nurse Manager",
            "Branch Manager",
            "Delivery Manager",
            "Project Director",
            "Site Manager",
            "Studio Manager",
            "Director of Client Services",
        ),
        companies_kinds=(
            "a retail chain",
            "a public hospital network",
            "a customer support center",
            "a consulting firm",
            "a hotel group",
            "a software company",
            "a local government",
            "a construction company",
            "a regional bank",
            "a research lab",
            "a manufacturing plant",
            "an architecture practice",
        ),
        headline_templates=(
            "{title} at {company} · first-time managers welcome",
            "{title} at {company} · one-to-ones, feedback and team health",
            "{title} at {company} · managing people without losing yourself",
            "{title} at {company} · delegation, priorities and clear goals",
            "{title} at {company} · hiring well and growing people",
            "{title} at {company} · calm management in busy environments",
            "{title} at {company} — happy to talk through the switch to managing",
            "Helping new leads find their footing · {title} at {company}",
        ),
        bio_sentences=(
            "I've managed teams for {years} years, from three people to more than forty.",
            (
                "My favorite part of management is watching someone grow into a role they weren't "
                "sure they could do."
            ),
            (
                "I became a manager almost by accident, like many people, and I'd love to make the "
                "transition easier for you."
            ),
            "I can help you structure one-to-ones that are more than status updates.",
            (
                "I've had to deliver tough feedback, handle underperformance and let people go, "
                "and I'm happy to talk through all of it."
            ),
            (
                "Delegation was my biggest weakness as a new manager, so I have plenty of lessons "
                "to share."
            ),
            "I believe good managers make their priorities boringly clear.",
            "I enjoy helping managers navigate the space between their team and senior leadership.",
            "I've managed remote, hybrid and shift-based teams, and each needs its own rhythm.",
            "I'm happy to help you prepare for your first management interview.",
            "Over {years} years I've learned that trust is built in small, consistent moments.",
            "I can help you set goals that are ambitious without being demoralizing.",
            (
                "I like talking about the emotional side of management: loneliness, doubt and "
                "staying human."
            ),
            (
                "I've hired dozens of people, and I still think the interview is the easy part; "
                "onboarding is harder."
            ),
            "I'm especially glad to support managers from under-represented backgrounds.",
            "I care about sustainable workloads, for my team and for myself.",
        ),
        mentee_questions=(
            "How do I manage people who used to be my peers?",
            "What should I actually talk about in weekly one-to-ones?",
            "How do I handle a team member who keeps missing deadlines?",
            "How do I delegate when it's faster to just do the work myself?",
            "How do I give feedback to someone who gets defensive?",
            "How do I protect my team from constantly changing priorities?",
            "How do I know if management is right for me, or if I should go back to hands-on work?",
            "How do I run a team meeting that people don't dread?",
            "How do I support a team member going through a personal crisis?",
            "How do I make the case for more headcount to my director?",
            "How do I manage a hybrid team fairly when half of them are rarely in the office?",
            "How should I prepare for my first round of performance reviews as a manager?",
        ),
        goals=(
            "Become a confident first-time manager within six months",
            "Grow into managing other managers",
            "Build a high-trust team with low turnover",
            "Get better at delegating so I can focus on strategy",
            "Run a department of more than fifty people",
            "Develop two people on my team into leads",
            "Learn to give clear, kind and direct feedback",
            "Move from team lead to general manager",
        ),
    ),
    "leadership": Area(
        titles=(
            "Director",
            "Senior Director",
            "Vice President",
            "Chief Executive Officer",
            "Chief Technology Officer",
            "Chief Operating Officer",
            "Managing Director",
            "Executive Director",
            "Head of Strategy",
            "Chief of Staff",
            "Partner",
            "Country Manager",
            "Non-Executive Director",
            "General Counsel",
        ),
        companies_kinds=(
            "a global consumer-goods company",
            "a national charity",
            "a software company",
            "a public health agency",
            "a family-owned manufacturer",
            "a consulting firm",
            "a listed bank",
            "a university",
            "an international NGO",
            "a media group",
            "a biotech company",
            "a regional airline",
        ),
        headline_templates=(
            "{title} at {company} · leading through change and ambiguity",
            "{title} at {company} · strategy, culture and honest decisions",
            "{title} at {company} · happy to support new and aspiring leaders",
            "{title} at {company} · leadership teams built on trust",
            "{title} at {company} · executive presence without the theater",
            "{title} at {company} · boards, budgets and long-term thinking",
            "{title} at {company} — inclusive leadership, practically applied",
            "Ask me about your first senior leadership role · {title} at {company}",
        ),
        bio_sentences=(
            "My career spans {years} years, with the most recent stretch in senior leadership.",
            "I care about leaders who can explain their decisions, not just make them.",
            (
                "I've led organizations through restructures, rapid growth and one very difficult "
                "year, and each taught me something."
            ),
            "I enjoy helping new directors move from managing work to setting direction.",
            (
                "I'm happy to talk about building a leadership team, including the hard parts like "
                "replacing someone."
            ),
            (
                "I started my career far from the boardroom, on a factory floor, and I still bring "
                "that perspective."
            ),
            "I believe strategy is mostly about choosing what not to do.",
            (
                "I can help you prepare for board meetings, investor conversations or senior "
                "interviews."
            ),
            "I've worked closely with boards and know how to make those relationships productive.",
            (
                "I'm particularly keen to help women and people from under-represented groups step "
                "into executive roles."
            ),
            "I like helping leaders find their own style instead of copying someone else's.",
            (
                "Over {years} years I've found that culture is what leaders tolerate, not what "
                "they write down."
            ),
            "I enjoy conversations about decision-making under uncertainty.",
            (
                "I can help you think through a big career decision, such as taking an executive "
                "role or building a portfolio career."
            ),
            (
                "I've led teams across continents, and I care a lot about inclusive, multilingual "
                "workplaces."
            ),
            "I'm happy to be a sounding board when leadership feels lonely.",
        ),
        mentee_questions=(
            "How do I make the jump from senior manager to director?",
            "How do I build trust with a leadership team I've just inherited?",
            "How do I communicate a restructure honestly without creating panic?",
            "How do I prepare for my first board presentation?",
            "How do I set a strategy when the organization has too many priorities?",
            "How do I find my own leadership style as an introvert?",
            "How do I handle a peer on the leadership team who undermines decisions?",
            "What should I weigh up before accepting a C-level role?",
            "How do I build executive presence without pretending to be someone else?",
            "How do I lead through a period of layoffs while keeping my own morale?",
            "How do I set a vision that my team actually remembers?",
            "How do I get a first non-executive board seat?",
        ),
        goals=(
            "Step into a director-level role within two years",
            "Join a board as a non-executive director",
            "Lead an organization through a major transformation",
            "Become a CEO or executive director one day",
            "Build a diverse leadership pipeline in my organization",
            "Develop a clear, personal leadership philosophy",
            "Get better at strategic thinking and long-term planning",
            "Lead a global team across several time zones",
        ),
    ),
    "communication": Area(
        titles=(
            "Communications Manager",
            "Head of Communications",
            "Internal Communications Lead",
            "Public Relations Manager",
            "Speechwriter",
            "Technical Writer",
            "Senior Technical Writer",
            "Editor",
            "Content Strategist",
            "Press Officer",
            "Presentation Coach",
            "Director of Communications",
            "Documentation Lead",
            "Journalist",
        ),
        companies_kinds=(
            "a national broadcaster",
            "a PR agency",
            "a public-sector body",
            "a tech company",
            "a university",
            "an international NGO",
            "a news publication",
            "a pharmaceutical company",
            "an energy company",
            "a city government",
            "a sports federation",
            "a museum",
        ),
        headline_templates=(
            "{title} at {company} · clear writing, calm presentations",
            "{title} at {company} · helping experts sound like humans",
            "{title} at {company} · speaking, storytelling and messages that land",
            "{title} at {company} · crisis communications and media training",
            "{title} at {company} · happy to edit your talk, post or report",
            "{title} at {company} · writing, editing and presenting with confidence",
            "{title} at {company} — internal comms for change and growth",
            "Plain language is my favorite tool · {title} at {company}",
        ),
        bio_sentences=(
            (
                "I've worked in communications for {years} years, in newsrooms, agencies and "
                "in-house teams."
            ),
            "I love helping technical experts explain complex work in plain language.",
            (
                "I started as a reporter, and I still believe the first paragraph is the most "
                "important one."
            ),
            "I can help you structure a talk so the audience remembers three things, not thirty.",
            "Public speaking used to terrify me, so I'm patient with people who feel the same.",
            (
                "I've handled media inquiries during a few genuine crises, and I'm happy to share "
                "what helped."
            ),
            "I enjoy editing, and I'm happy to give line-by-line feedback on your writing.",
            (
                "Internal communication is underrated, and I can help you announce change without "
                "causing confusion."
            ),
            (
                "I've written speeches for senior leaders and know how to make words sound natural "
                "out loud."
            ),
            "I enjoy helping people who write in a second language gain confidence and clarity.",
            "Over {years} years I've learned that clarity is a form of respect for your reader.",
            (
                "Earlier in my career I wrote documentation for developer products, and I still "
                "care a lot about good examples."
            ),
            "I'm happy to help you prepare for interviews, panels or your first conference talk.",
            (
                "I believe good communication starts with listening, especially in difficult "
                "conversations."
            ),
            (
                "I like helping people build a writing habit, whether that's a blog or a weekly "
                "team update."
            ),
            "I enjoy coaching people to present data and bad news with honesty and composure.",
        ),
        mentee_questions=(
            "How do I structure a twenty-minute conference talk about my project?",
            "How do I stop rambling when I answer questions in meetings?",
            "How do I write a reorganization announcement that doesn't cause panic?",
            "How can I make my technical documentation easier for beginners to follow?",
            "How do I prepare for a live radio or TV interview?",
            (
                "How do I write a concise update for executives who won't read past the first "
                "paragraph?"
            ),
            "How do I manage nerves before presenting to a large audience?",
            "How do I move from journalism into corporate communications?",
            "How do I build a technical writing portfolio without professional samples?",
            "How should my organization respond to a negative news story?",
            "How can I sound confident when presenting in my second language?",
            "How do I give feedback on a colleague's writing without discouraging them?",
        ),
        goals=(
            "Give a talk at an international conference",
            "Move from journalism into a communications leadership role",
            "Become a senior technical writer at a developer-tools company",
            "Build a weekly writing habit and a small readership",
            "Get comfortable presenting to senior leadership",
            "Lead communications through a major organizational change",
            "Become a confident public speaker in my second language",
            "Set up a media training program for our spokespeople",
        ),
    ),
    "career": Area(
        titles=(
            "Career Coach",
            "Career Advisor",
            "University Careers Consultant",
            "Executive Coach",
            "Leadership Coach",
            "Talent Development Lead",
            "Career Transition Specialist",
            "Outplacement Consultant",
            "Recruitment Consultant",
            "Graduate Program Manager",
            "Employability Lead",
            "Returnship Program Lead",
        ),
        companies_kinds=(
            "a university careers service",
            "an executive coaching practice",
            "a recruitment firm",
            "a global consulting firm",
            "a public employment service",
            "a tech company",
            "a careers non-profit",
            "a business school",
            "an independent coaching practice",
            "a large retail group",
        ),
        headline_templates=(
            "{title} at {company} · CVs, interviews and career pivots",
            "{title} at {company} · helping you figure out what's next",
            "{title} at {company} · career changers and returners welcome",
            "{title} at {company} · salary negotiation and offer decisions",
            "{title} at {company} · making your experience easy to see",
            "{title} at {company} · networking and job search strategy",
            "{title} at {company} — mock interviews with honest feedback",
            "Practical plans for uncertain careers · {title} at {company}",
        ),
        bio_sentences=(
            (
                "I've supported people through career decisions for {years} years, from first jobs "
                "to late-career pivots."
            ),
            (
                "I enjoy helping people translate their experience into language hiring managers "
                "recognize."
            ),
            "I've changed careers twice myself, so I know how uncertain the middle part feels.",
            (
                "I can help you build a job search plan that fits around a full-time job or caring "
                "responsibilities."
            ),
            "I run a lot of mock interviews, and I give specific, honest feedback.",
            "I believe networking works best as genuine curiosity, not collecting contacts.",
            "I'm happy to help you negotiate salary, start dates and flexible working.",
            (
                "I've worked with many international students and understand the pressure of "
                "visa-related job searches."
            ),
            (
                "I like helping people who feel stuck work out whether they need a new job, a new "
                "role or just a new conversation with their manager."
            ),
            (
                "I can review your CV and professional profile and tell you what a recruiter sees "
                "in the first ten seconds."
            ),
            (
                "Over {years} years I've learned that most career plans change, and that's fine as "
                "long as you keep learning."
            ),
            "I'm especially happy to support people returning after a career break.",
            (
                "I enjoy helping first-generation professionals decode the unwritten rules of the "
                "workplace."
            ),
            "I can help you prepare a clear answer to 'so, tell me about yourself'.",
            (
                "I've worked in recruitment, so I know what happens on the other side of the "
                "application form."
            ),
            (
                "I believe small experiments, like a side project or a short course, beat big "
                "leaps in the dark."
            ),
        ),
        mentee_questions=(
            "How do I explain a two-year career gap in an interview?",
            "How do I know whether to change companies or change careers entirely?",
            "How do I tailor my CV for roles in a different industry?",
            "How do I ask for a raise when my company says budgets are frozen?",
            "How do I answer 'tell me about yourself' without rambling?",
            "How do I find a job abroad when I don't have local experience?",
            "How do I choose between two job offers with very different salaries?",
            "How can I network when I'm introverted and new to the industry?",
            "Is a master's degree worth it for a career change at 35?",
            "How do I make my professional profile useful without oversharing?",
            "How do I bounce back after being laid off?",
            "How do I plan my career when my field is changing quickly?",
        ),
        goals=(
            "Land a new role in a different industry within six months",
            "Return to work confidently after a career break",
            "Negotiate a salary that reflects my experience",
            "Find a job abroad and relocate with my family",
            "Build a professional network in a new city",
            "Get clear on a five-year career direction",
            "Secure a graduate role in my chosen field",
            "Move from a stable job into more meaningful work",
        ),
    ),
    "entrepreneurship": Area(
        titles=(
            "Founder & CEO",
            "Co-founder & CEO",
            "Co-founder & CTO",
            "Co-founder & COO",
            "Founder",
            "Co-founder",
            "Founding Engineer",
            "Founding Product Lead",
            "Managing Director",
            "Owner & Managing Director",
            "Head of Growth",
            "Startup Advisor",
            "Chief Product Officer",
        ),
        companies_kinds=(
            "a climate-tech startup",
            "a bootstrapped software business",
            "a food and drink brand",
            "a social enterprise",
            "a health-tech startup",
            "a direct-to-consumer brand",
            "an agri-tech startup",
            "a fintech startup",
            "a creative studio",
            "a marketplace startup",
            "an edtech startup",
            "a specialty coffee roastery",
        ),
        headline_templates=(
            "{title} at {company} · from idea to first paying customers",
            "{title} at {company} · bootstrapping, fundraising and staying sane",
            "{title} at {company} · happy to pressure-test your business idea",
            "{title} at {company} · pricing, positioning and early sales",
            "{title} at {company} · ask me about pitch decks and investor calls",
            "{title} at {company} · building teams on a small budget",
            "{title} at {company} — impact, profit and hard trade-offs",
            "Validate first, build second · {title} at {company}",
        ),
        bio_sentences=(
            (
                "I've been building businesses for {years} years, including one that failed and "
                "one that's still growing."
            ),
            (
                "I love the early stage, when the main job is talking to customers and not "
                "building too much."
            ),
            (
                "I left a corporate job to start my first company, so I understand the fear of "
                "that leap."
            ),
            "I can help you test a business idea in two weeks with very little money.",
            (
                "I've raised money from angels and venture investors, and I've also chosen to "
                "bootstrap."
            ),
            (
                "I'm happy to review your pitch deck and tell you what an investor will question "
                "first."
            ),
            (
                "Pricing is where most founders leave money on the table, and I enjoy helping fix "
                "that."
            ),
            "I've hired early team members on tight budgets, and I'm happy to share what worked.",
            (
                "I care about founder mental health, and I'm honest about the hard parts of the "
                "journey."
            ),
            (
                "I've worked with social enterprises, so I can help you balance impact and "
                "financial sustainability."
            ),
            "I like helping technical founders get comfortable with selling.",
            "Over {years} years I've learned that distribution matters as much as the product.",
            "I can help you decide whether to raise money at all, and if so, from whom.",
            (
                "I enjoy helping people turn a side project into a real business without quitting "
                "too early."
            ),
            "I've been through accelerator programs as a founder and later came back as a mentor.",
            (
                "I'm happy to talk about co-founder relationships, equity splits and difficult "
                "conversations between partners."
            ),
        ),
        mentee_questions=(
            "How do I validate demand for my product before writing any code?",
            "Should I raise a pre-seed round or bootstrap for the first year?",
            "How do I find a technical co-founder I can trust?",
            "How should I price a B2B product when I only have three customers?",
            "What should be on the first five slides of my pitch deck?",
            "How do I split equity fairly between co-founders who joined at different times?",
            "When is the right time to quit my job and work on my startup full time?",
            "How do I get my first ten customers without a marketing budget?",
            "How do I know whether to pivot or keep going?",
            "How do I prepare for due diligence with an angel investor?",
            "How do I register and structure a small business in a new country?",
            "How do I run a social enterprise and still pay myself a fair salary?",
        ),
        goals=(
            "Launch my first product and reach ten paying customers",
            "Raise a pre-seed round within a year",
            "Turn a side project into a sustainable full-time business",
            "Build a profitable business without outside investment",
            "Hire my first three employees",
            "Grow a social enterprise to serve customers in several countries",
            "Become an angel investor and support other founders",
            "Get accepted into a well-known accelerator program",
        ),
    ),
}

# Headlines for mentees: students, career changers, juniors and returners. No placeholders.
MENTEE_HEADLINES: tuple[str, ...] = (
    "Final-year computer science student looking for a first internship",
    "Career changer moving from teaching into UX design",
    "Junior frontend developer, six months into my first job",
    "Returning to work after three years of full-time parenting",
    "Self-taught data analyst looking for feedback on my portfolio",
    "Nurse exploring a move into health-tech product roles",
    "Recent economics graduate curious about finance and consulting",
    "First-time manager learning as I go",
    "Bootcamp graduate hunting for my first developer role",
    "Marketing coordinator aiming for a brand manager role",
    "Physics PhD student considering a move into data science",
    "Military veteran moving into operations and logistics",
    "Junior accountant studying for professional exams",
    "Early-career recruiter who wants to grow into HR business partnering",
    "Graphic designer learning product design",
    "Customer support agent interested in product management",
    "Aspiring founder working on a side project in the evenings",
    "International student looking for work after graduation",
    "Mid-level engineer preparing for a senior promotion",
    "Sales development rep working toward an account executive role",
    "Retail supervisor stepping into people management",
    "Journalist exploring communications and content strategy",
    "Lab technician learning to code in Python",
    "Returning to tech after a health-related career break",
    "Second-year business student interested in entrepreneurship",
    "Self-employed photographer building a sustainable business",
    "Junior product manager in my first year",
    "Project coordinator aiming to become a program manager",
    "Hospitality professional exploring a move into tech sales",
    "New team lead looking for a sounding board",
    "Architecture graduate exploring UX research",
    "Lawyer considering a move into policy or operations",
    "Mid-career professional rethinking what comes next",
    "Second-year software apprentice",
    "Freelance writer moving into technical writing",
    "Teacher interested in learning and development roles",
    "Chemical engineer curious about data and analytics",
    "Recently laid off and planning my next move",
    "Early-career civil servant interested in digital services",
    "Community organizer thinking about starting a social enterprise",
    "Pharmacist exploring a move into the health-tech industry",
    "Newly promoted senior analyst learning to lead projects",
)

# How a mentor likes to help, in their own words. No placeholders.
HELP_STYLES: tuple[str, ...] = (
    "Bring a draft; I'll give you direct, line-by-line feedback.",
    "I work best with one specific question and a little context shared in advance.",
    "Expect honest answers, delivered kindly.",
    "Happy to run a mock interview with a short debrief afterward.",
    "I ask a lot of questions before I offer advice.",
    "Send your CV or portfolio beforehand so we can spend our time on what matters most.",
    "I'll share what worked for me and be clear about what might not apply to you.",
    "We can sketch it out together; thinking out loud is welcome.",
    "I prefer short, focused sessions with one clear takeaway.",
    "I'm a sounding board first and an advisor second.",
    "Come with a decision you're stuck on and we'll map out the options together.",
    "I'll point you to useful resources and people, not just opinions.",
    "Practical over theoretical: you'll leave with a next step you can take this week.",
    "I'm comfortable with tough topics such as layoffs, burnout and conflict at work.",
    "Happy to look at code, slides, specs or writing ahead of time.",
    "I'll challenge your assumptions, gently.",
    "Role-play is my favorite way to practice hard conversations.",
    "Patient with beginners: no question is too basic.",
    "Glad to do a follow-up if the first conversation raises new questions.",
    "I'll help you turn a big, vague goal into three small next steps.",
    "I keep notes and send a short summary after each session.",
    "Direct and structured: agenda, discussion, next steps.",
    "Relaxed and conversational; think of it as coffee with a colleague.",
    "Written answers are fine too if you'd rather not talk live.",
)

__all__ = [
    "AREAS",
    "CITY_TIME_ZONES",
    "HELP_STYLES",
    "MENTEE_HEADLINES",
    "REGIONS",
    "Area",
    "Region",
]
